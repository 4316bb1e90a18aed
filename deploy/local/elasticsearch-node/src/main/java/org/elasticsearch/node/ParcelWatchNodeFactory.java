package org.elasticsearch.node;

import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ParcelWatchClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ParcelWatch shim (lives in an Elasticsearch package only because {@code NodeConstruction},
 * {@code NodeServiceProvider} and the {@code Node(NodeConstruction)} constructor are package-private):
 * builds a {@link Node} whose plugins are classes on the application classpath, the way Elasticsearch's own
 * test framework builds its nodes. Everything else about the node is the production code path.
 */
public final class ParcelWatchNodeFactory {
    private ParcelWatchNodeFactory() {}

    /**
     * @param environment the prepared node environment (settings, paths)
     * @param plugins     plugin classes on the classpath, each with a public no-arg, (Settings) or (Settings, Path) constructor
     * @return a constructed, not yet started node
     */
    public static Node create(Environment environment, List<Class<? extends Plugin>> plugins) {
        PluginsLoader noBundles = PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false);
        NodeServiceProvider services = new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader pluginsLoader) {
                return new ParcelWatchClasspathPluginsService(env, plugins);
            }
        };
        return new Node(NodeConstruction.prepareConstruction(environment, noBundles, services, true));
    }
}
