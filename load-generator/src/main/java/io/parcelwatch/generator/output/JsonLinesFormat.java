package io.parcelwatch.generator.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ComplaintEventType;
import io.parcelwatch.schema.ComplaintReason;
import io.parcelwatch.schema.Created;
import io.parcelwatch.schema.Delivery;
import io.parcelwatch.schema.DeliveryFailure;
import io.parcelwatch.schema.DeliveryMethod;
import io.parcelwatch.schema.ExceptionCode;
import io.parcelwatch.schema.FailureReason;
import io.parcelwatch.schema.HubDeparture;
import io.parcelwatch.schema.ParcelCategory;
import io.parcelwatch.schema.ParcelException;
import io.parcelwatch.schema.Recipient;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.schema.ServiceLevel;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ParcelWatch JSON Lines event format (documented field by field in the module's README): one JSON
 * object per line, either a scan ({@code "record": "scan"}) or a complaint event
 * ({@code "record": "complaint"}). Times are ISO-8601 instants (written as UTC with milliseconds; read
 * with any offset, or as epoch milliseconds). Null fields are left out when writing and may be left out
 * when reading; unknown fields are ignored.
 */
public final class JsonLinesFormat {
    public static final JsonFactory JSON = new ObjectMapper().getFactory();
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLinesFormat() {}

    // ------------------------------------------------------------------ writing

    public static void writeScan(JsonGenerator g, ScanEvent e, Long arrivalTime, char[] timeBuffer) throws IOException {
        g.writeStartObject();
        g.writeStringField("record", "scan");
        g.writeStringField("eventId", e.getEventId());
        g.writeNumberField("revision", e.getRevision());
        g.writeStringField("parcelId", e.getParcelId());
        g.writeStringField("type", e.getType().name());
        time(g, "eventTime", e.getEventTime().toEpochMilli(), timeBuffer);
        if (arrivalTime != null) {
            time(g, "arrivalTime", arrivalTime, timeBuffer);
        }
        optional(g, "facilityId", e.getFacilityId());
        optional(g, "regionId", e.getRegionId());
        optional(g, "courierId", e.getCourierId());
        if (e.getTemperatureCelsius() != null) {
            g.writeNumberField("temperatureCelsius", e.getTemperatureCelsius());
        }
        Object details = e.getDetails();
        if (details != null) {
            g.writeFieldName("details");
            g.writeStartObject();
            switch (details) {
                case Created c -> {
                    g.writeStringField("serviceLevel", c.getServiceLevel().name());
                    g.writeStringField("category", c.getCategory().name());
                    g.writeStringField("originFacilityId", c.getOriginFacilityId());
                    g.writeStringField("destinationFacilityId", c.getDestinationFacilityId());
                    g.writeArrayFieldStart("plannedRoute");
                    for (String hub : c.getPlannedRoute()) {
                        g.writeString(hub);
                    }
                    g.writeEndArray();
                    time(g, "promisedDeliveryTime", c.getPromisedDeliveryTime().toEpochMilli(), timeBuffer);
                    g.writeBooleanField("doorDeliveryRequested", c.getDoorDeliveryRequested());
                    g.writeObjectFieldStart("recipient");
                    g.writeStringField("name", c.getRecipient().getName());
                    g.writeStringField("phone", c.getRecipient().getPhone());
                    g.writeStringField("address", c.getRecipient().getAddress());
                    g.writeEndObject();
                }
                case HubDeparture h -> optional(g, "nextFacilityId", h.getNextFacilityId());
                case Delivery d -> {
                    g.writeStringField("method", d.getMethod().name());
                    g.writeBooleanField("recipientConsented", d.getRecipientConsented());
                }
                case DeliveryFailure f -> g.writeStringField("reason", f.getReason().name());
                case ParcelException x -> {
                    g.writeStringField("code", x.getCode().name());
                    optional(g, "note", x.getNote());
                }
                default -> throw new IllegalArgumentException("unexpected details " + details.getClass());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    public static void writeComplaint(JsonGenerator g, ComplaintEvent e, Long arrivalTime, char[] timeBuffer) throws IOException {
        g.writeStartObject();
        g.writeStringField("record", "complaint");
        g.writeStringField("eventId", e.getEventId());
        g.writeStringField("complaintId", e.getComplaintId());
        g.writeStringField("parcelId", e.getParcelId());
        g.writeStringField("type", e.getType().name());
        time(g, "eventTime", e.getEventTime().toEpochMilli(), timeBuffer);
        if (arrivalTime != null) {
            time(g, "arrivalTime", arrivalTime, timeBuffer);
        }
        g.writeStringField("reason", e.getReason().name());
        if (e.getResponseDeadline() != null) {
            time(g, "responseDeadline", e.getResponseDeadline().toEpochMilli(), timeBuffer);
        }
        optional(g, "regionId", e.getRegionId());
        g.writeEndObject();
    }

    private static void time(JsonGenerator g, String field, long millis, char[] buffer) throws IOException {
        g.writeFieldName(field);
        Iso8601.write(millis, buffer);
        g.writeString(buffer, 0, 24);
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    // ------------------------------------------------------------------ reading

    /** One event read back: a scan or a complaint, and its arrival time if the line has one. */
    public record Parsed(ScanEvent scan, ComplaintEvent complaint, Long arrivalTime) {
        public long eventTime() {
            return scan != null ? scan.getEventTime().toEpochMilli() : complaint.getEventTime().toEpochMilli();
        }
    }

    /** A line that is not a valid event; the message says what is wrong (without the file and line). */
    public static final class BadLineException extends Exception {
        public BadLineException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads the object the parser is positioned on (its START_OBJECT token). */
    public static Parsed read(JsonParser p) throws IOException, BadLineException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadLineException("expected a JSON object, found " + p.currentToken(), null);
        }
        String record = null;
        String eventId = null;
        Integer revision = null;
        String parcelId = null;
        String type = null;
        Long eventTime = null;
        Long arrivalTime = null;
        String facilityId = null;
        String regionId = null;
        String courierId = null;
        Double temperature = null;
        JsonNode details = null;
        String complaintId = null;
        String reason = null;
        Long deadline = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "record" -> record = text(p, field);
                case "eventId" -> eventId = text(p, field);
                case "revision" -> revision = integer(p, field);
                case "parcelId" -> parcelId = text(p, field);
                case "type" -> type = text(p, field);
                case "eventTime" -> eventTime = time(p, field);
                case "arrivalTime" -> arrivalTime = time(p, field);
                case "facilityId" -> facilityId = text(p, field);
                case "regionId" -> regionId = text(p, field);
                case "courierId" -> courierId = text(p, field);
                case "temperatureCelsius" -> {
                    if (!value.isNumeric()) {
                        throw new BadLineException("'temperatureCelsius' must be a number", null);
                    }
                    temperature = p.getDoubleValue();
                }
                case "details" -> details = MAPPER.readTree(p);
                case "complaintId" -> complaintId = text(p, field);
                case "reason" -> reason = text(p, field);
                case "responseDeadline" -> deadline = time(p, field);
                default -> p.skipChildren();
            }
        }
        boolean complaint = record != null ? switch (record) {
            case "complaint" -> true;
            case "scan" -> false;
            default -> throw new BadLineException("'record' must be \"scan\" or \"complaint\", not \"" + record + "\"", null);
        } : complaintId != null;
        require(eventId, "eventId");
        require(parcelId, "parcelId");
        require(type, "type");
        require(eventTime, "eventTime");
        if (complaint) {
            require(complaintId, "complaintId");
            ComplaintEvent e = new ComplaintEvent(eventId, complaintId, parcelId, enumValue(ComplaintEventType.class, type, "type"),
                    Instant.ofEpochMilli(eventTime), reason == null ? ComplaintReason.UNKNOWN : enumValue(ComplaintReason.class, reason, "reason"),
                    deadline == null ? null : Instant.ofEpochMilli(deadline), regionId);
            return new Parsed(null, e, arrivalTime);
        }
        ScanType scanType = enumValue(ScanType.class, type, "type");
        ScanEvent e = new ScanEvent(eventId, revision == null ? 0 : revision, parcelId, scanType, Instant.ofEpochMilli(eventTime),
                facilityId, regionId, courierId, temperature, details == null ? null : details(scanType, details));
        return new Parsed(e, null, arrivalTime);
    }

    private static Object details(ScanType type, JsonNode d) throws BadLineException {
        if (!d.isObject()) {
            throw new BadLineException("'details' must be an object", null);
        }
        return switch (type) {
            case CREATED -> {
                List<String> route = new ArrayList<>();
                JsonNode r = d.get("plannedRoute");
                if (r != null && !r.isNull()) {
                    if (!r.isArray()) {
                        throw new BadLineException("'details.plannedRoute' must be an array of hub ids", null);
                    }
                    r.forEach(hub -> route.add(hub.asText()));
                }
                JsonNode recipient = d.get("recipient");
                if (recipient == null || !recipient.isObject()) {
                    throw new BadLineException("CREATED needs 'details.recipient' {name, phone, address}", null);
                }
                yield new Created(enumValue(ServiceLevel.class, need(d, "serviceLevel"), "details.serviceLevel"),
                        enumValue(ParcelCategory.class, need(d, "category"), "details.category"),
                        need(d, "originFacilityId"), need(d, "destinationFacilityId"), route,
                        Instant.ofEpochMilli(timeNode(d.get("promisedDeliveryTime"), "details.promisedDeliveryTime")),
                        d.path("doorDeliveryRequested").asBoolean(false),
                        new Recipient(need(recipient, "name"), need(recipient, "phone"), need(recipient, "address")));
            }
            case HUB_DEPARTED -> new HubDeparture(d.hasNonNull("nextFacilityId") ? d.get("nextFacilityId").asText() : null);
            case DELIVERED -> new Delivery(enumValue(DeliveryMethod.class, need(d, "method"), "details.method"),
                    d.path("recipientConsented").asBoolean(false));
            case DELIVERY_FAILED -> new DeliveryFailure(enumValue(FailureReason.class, need(d, "reason"), "details.reason"));
            case EXCEPTION -> new ParcelException(enumValue(ExceptionCode.class, need(d, "code"), "details.code"),
                    d.hasNonNull("note") ? d.get("note").asText() : null);
            default -> null; // other types carry no details; ignore whatever is there
        };
    }

    private static String need(JsonNode node, String field) throws BadLineException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new BadLineException("missing '" + field + "' in details", null);
        }
        return v.asText();
    }

    private static long timeNode(JsonNode v, String field) throws BadLineException {
        if (v == null || v.isNull()) {
            throw new BadLineException("missing '" + field + "'", null);
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        try {
            return Iso8601.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw new BadLineException("'" + field + "': " + e.getMessage(), e);
        }
    }

    private static String text(JsonParser p, String field) throws IOException, BadLineException {
        if (!p.currentToken().isScalarValue()) {
            throw new BadLineException("'" + field + "' must be a string", null);
        }
        return p.getText();
    }

    private static int integer(JsonParser p, String field) throws IOException, BadLineException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new BadLineException("'" + field + "' must be an integer", null);
        }
        return p.getIntValue();
    }

    private static long time(JsonParser p, String field) throws IOException, BadLineException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new BadLineException("'" + field + "' must be an ISO-8601 time or epoch milliseconds", null);
        }
        try {
            return Iso8601.parse(p.getText());
        } catch (IllegalArgumentException e) {
            throw new BadLineException("'" + field + "': " + e.getMessage(), e);
        }
    }

    private static void require(Object value, String field) throws BadLineException {
        if (value == null) {
            throw new BadLineException("missing '" + field + "'", null);
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) throws BadLineException {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new BadLineException("'" + field + "' is \"" + value + "\", expected one of "
                    + Arrays.toString(type.getEnumConstants()), null);
        }
    }
}
