package io.parcelwatch.localstack.elasticsearch;

import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.cluster.metadata.ProjectMetadata;
import org.elasticsearch.common.compress.CompressedXContent;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexMode;
import org.elasticsearch.index.IndexSettingProvider;
import org.elasticsearch.index.IndexVersion;

import java.time.Instant;
import java.util.List;

/**
 * Gives every new index {@code index.number_of_replicas: 0} unless its create request or a template sets the
 * replica count (or {@code auto_expand_replicas}). Settings from providers rank below templates and requests, so
 * anything explicit still wins. Without this a single node turns yellow on the first index created with defaults,
 * and the launcher's "wait for green" would never succeed after a restart.
 */
final class ZeroReplicasByDefault implements IndexSettingProvider {

    @Override
    public void provideAdditionalSettings(
        String indexName,
        String dataStreamName,
        IndexMode templateIndexMode,
        ProjectMetadata projectMetadata,
        Instant resolvedAt,
        Settings indexTemplateAndCreateRequestSettings,
        List<CompressedXContent> combinedTemplateMappings,
        IndexVersion indexVersion,
        Settings.Builder additionalSettings
    ) {
        Settings explicit = indexTemplateAndCreateRequestSettings;
        if (explicit.hasValue(IndexMetadata.SETTING_NUMBER_OF_REPLICAS) == false
            && explicit.hasValue(IndexMetadata.SETTING_AUTO_EXPAND_REPLICAS) == false) {
            additionalSettings.put(IndexMetadata.SETTING_NUMBER_OF_REPLICAS, 0);
        }
    }
}
