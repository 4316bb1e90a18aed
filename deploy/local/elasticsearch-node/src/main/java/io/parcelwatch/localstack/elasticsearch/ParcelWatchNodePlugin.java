package io.parcelwatch.localstack.elasticsearch;

import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.IndexSettingProvider;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestHandler;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The small parts of a distribution that the Maven Central artifacts lack, as one classpath plugin:
 * <ul>
 *   <li>{@code GET /} and {@code HEAD /} (the {@code rest-root} module is not published), see {@link RootInfoRestHandler};</li>
 *   <li>new indices default to {@code number_of_replicas: 0}, see {@link ZeroReplicasByDefault}, so that this single
 *       node stays green (a replica can never be assigned on one node).</li>
 * </ul>
 */
public final class ParcelWatchNodePlugin extends Plugin implements ActionPlugin {

    private final AtomicReference<ClusterService> clusterService = new AtomicReference<>();

    @Override
    public Collection<?> createComponents(PluginServices services) {
        clusterService.set(services.clusterService());
        return List.of();
    }

    @Override
    public Collection<RestHandler> getRestHandlers(
        RestHandlersServices restHandlersServices,
        Supplier<DiscoveryNodes> nodesInCluster,
        Predicate<NodeFeature> clusterSupportsFeature
    ) {
        return List.of(new RootInfoRestHandler(clusterService::get));
    }

    @Override
    public Collection<IndexSettingProvider> getAdditionalIndexSettingProviders(IndexSettingProvider.Parameters parameters) {
        return List.of(new ZeroReplicasByDefault());
    }
}
