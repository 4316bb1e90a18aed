package org.elasticsearch.plugins;

import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ParcelWatch shim (lives in an Elasticsearch package only because {@code PluginsService.LoadedPlugin} and
 * {@code PluginsService.loadPlugin} are package-private): a plugins service whose plugins are plain classes
 * on the application classpath instead of bundles under {@code modules/} and {@code plugins/}. This is the
 * same idea as the test framework's mock plugins service, which is not published to Maven Central.
 *
 * <p>All the plugins share the application class loader; nothing is loaded from the file system.
 */
public final class ParcelWatchClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> classpathPlugins;

    public ParcelWatchClasspathPluginsService(Environment environment, List<Class<? extends Plugin>> pluginClasses) {
        // An empty loader: no module or plugin bundles, no server module exports (the server is not a named module here).
        super(environment.settings(), environment.configDir(), PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false));
        Settings settings = environment.settings();
        this.classpathPlugins = pluginClasses.stream()
            .map(pluginClass -> new LoadedPlugin(descriptor(pluginClass), loadPlugin(pluginClass, settings, environment.configDir()),
                pluginClass.getClassLoader()))
            .toList();
        loadExtensions(classpathPlugins);
    }

    private static PluginDescriptor descriptor(Class<? extends Plugin> pluginClass) {
        return new PluginDescriptor(
            pluginClass.getName(),
            "classpath plugin",
            Build.current().version(),
            Build.current().version(),
            Integer.toString(Runtime.version().feature()),
            pluginClass.getName(),
            null,
            List.of(),
            false,
            false,
            false,
            false,
            PluginDescriptor.DeploymentTarget.ALL
        );
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    @Override
    public PluginsAndModules info() {
        return new PluginsAndModules(classpathPlugins.stream().map(p -> new PluginRuntimeInfo(p.descriptor())).toList(), List.of());
    }
}
