package io.parcelwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kibana/parcelwatch-ops.ndjson cannot be imported here (no Kibana on this machine), so this checks what can be
 * checked without one: every line is a saved object, every reference points at an object of the file, the panels'
 * data-view references are where Kibana looks for them, and every field a panel reads is in the index template of
 * its data view.
 */
class ReportKibanaObjectsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> TEMPLATE_OF_DATA_VIEW = Map.of(
            "alerts", "alerts.index-template.json", "kpi-*", "kpi.index-template.json", "parcels", "parcels.index-template.json");

    static List<JsonNode> objects;
    static Map<String, JsonNode> byId = new HashMap<>();
    static Path deploy;

    @BeforeAll
    static void read() throws IOException {
        deploy = KpiIndex.templateFile().getParent().getParent();
        List<String> lines = Files.readAllLines(deploy.resolve("kibana/parcelwatch-ops.ndjson"));
        objects = new java.util.ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                JsonNode object = JSON.readTree(line);
                objects.add(object);
                assertThat(byId.put(object.path("id").asText(), object)).as("id %s is unique", object.path("id")).isNull();
            }
        }
    }

    @Test
    void everyLineIsASavedObjectAndEveryReferenceIsInTheFile() {
        assertThat(objects).hasSize(5);
        for (JsonNode object : objects) {
            assertThat(object.path("type").asText()).isIn("index-pattern", "search", "dashboard");
            assertThat(object.path("attributes").path("title").asText()).isNotBlank();
            assertThat(object.path("typeMigrationVersion").asText()).matches("\\d+\\.\\d+\\.\\d+");
            for (JsonNode ref : object.path("references")) {
                JsonNode target = byId.get(ref.path("id").asText());
                assertThat(target).as("reference %s of %s", ref, object.path("id")).isNotNull();
                assertThat(target.path("type").asText()).isEqualTo(ref.path("type").asText());
            }
        }
    }

    @Test
    void theDataViewsAndTheirTimeFields() throws IOException {
        assertThat(dataView("parcelwatch-alerts")).containsExactly("alerts", "eventTime");
        assertThat(dataView("parcelwatch-kpi")).containsExactly("kpi-*", "windowStart");
        assertThat(dataView("parcelwatch-parcels")).containsExactly("parcels", "updatedAt");
        for (String id : List.of("parcelwatch-alerts", "parcelwatch-kpi", "parcelwatch-parcels")) {
            JsonNode view = byId.get(id).path("attributes");
            assertThat(fields(view.path("title").asText())).contains(view.path("timeFieldName").asText());
        }
    }

    @Test
    void everyDashboardPanelFindsItsDataAndEveryFieldItReadsExists() throws IOException {
        JsonNode dashboard = byId.get("parcelwatch-ops");
        Set<String> refNames = new HashSet<>();
        Map<String, String> refIds = new HashMap<>();
        for (JsonNode ref : dashboard.path("references")) {
            refNames.add(ref.path("name").asText());
            refIds.put(ref.path("name").asText(), ref.path("id").asText());
        }
        JsonNode panels = JSON.readTree(dashboard.path("attributes").path("panelsJSON").asText());
        JSON.readTree(dashboard.path("attributes").path("optionsJSON").asText());
        assertThat(panels).hasSize(5);
        int lensPanels = 0;
        for (JsonNode panel : panels) {
            String index = panel.path("panelIndex").asText();
            assertThat(panel.path("gridData").path("i").asText()).isEqualTo(index);
            if (panel.path("type").asText().equals("lens")) {
                lensPanels++;
                JsonNode layers = panel.at("/embeddableConfig/attributes/state/datasourceStates/formBased/layers");
                assertThat(layers.size()).isPositive();
                for (var layer : (Iterable<Map.Entry<String, JsonNode>>) layers::fields) {
                    String refName = index + ":indexpattern-datasource-layer-" + layer.getKey();
                    assertThat(refNames).as("panel %s layer %s", index, layer.getKey()).contains(refName);
                    Set<String> mapped = fields(byId.get(refIds.get(refName)).path("attributes").path("title").asText());
                    JsonNode columns = layer.getValue().path("columns");
                    for (JsonNode id : layer.getValue().path("columnOrder")) {
                        assertThat(columns.has(id.asText())).as("column %s of %s", id, index).isTrue();
                    }
                    for (var column : (Iterable<Map.Entry<String, JsonNode>>) columns::fields) {
                        String field = column.getValue().path("sourceField").asText();
                        if (!field.isEmpty() && !field.equals("___records___")) {
                            assertThat(mapped).as("field of %s in %s", column.getKey(), index).contains(field);
                        }
                        for (JsonNode referenced : column.getValue().path("references")) {
                            assertThat(columns.has(referenced.asText())).as("column %s of %s", referenced, column.getKey()).isTrue();
                        }
                    }
                }
            } else {
                assertThat(refNames).contains(index + ":" + panel.path("panelRefName").asText());
            }
        }
        assertThat(lensPanels).isEqualTo(4);
    }

    @Test
    void theSavedSearchListsFieldsOfTheAlerts() throws IOException {
        JsonNode search = byId.get("parcelwatch-open-complaint-deadlines");
        JsonNode source = JSON.readTree(search.at("/attributes/kibanaSavedObjectMeta/searchSourceJSON").asText());
        assertThat(source.at("/query/query").asText()).isEqualTo("kind : \"COMPLAINT_DEADLINE\" and status : \"RAISED\"");
        Set<String> mapped = fields("alerts");
        for (JsonNode column : search.at("/attributes/columns")) {
            assertThat(mapped).contains(column.asText());
        }
    }

    private static List<String> dataView(String id) {
        JsonNode attributes = byId.get(id).path("attributes");
        return List.of(attributes.path("title").asText(), attributes.path("timeFieldName").asText());
    }

    /** The top-level fields of the index template behind a data view's index pattern. */
    private static Set<String> fields(String dataViewTitle) throws IOException {
        JsonNode template = JSON.readTree(deploy.resolve("elasticsearch").resolve(TEMPLATE_OF_DATA_VIEW.get(dataViewTitle)).toFile());
        Set<String> names = new HashSet<>();
        template.at("/template/mappings/properties").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
