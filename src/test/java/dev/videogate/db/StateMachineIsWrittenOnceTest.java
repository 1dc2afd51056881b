package dev.videogate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.videogate.support.GatewayTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The legal transitions of a generation's state and of its payment's status are the rows of table state_transition
 * (V15__state_transitions.sql), and nothing else: on a migrated schema, as the role the routes run as, every pair of
 * states (the values the columns' CHECK constraints allow, and NULL for the payment) is tried on a real row; each
 * pair not in the table is refused with SQLSTATE VG409, each pair in it is accepted. docs/state-machine.md draws
 * exactly the table's rows.
 */
class StateMachineIsWrittenOnceTest extends GatewayTest {

    private static final String REFUSED = "VG409";
    private static final Path DRAWING = Path.of("docs/state-machine.md");
    private static final Pattern FENCE = Pattern.compile("```mermaid\\R(.*?)```", Pattern.DOTALL);
    private static final Pattern MACHINE = Pattern.compile("^\\s*%%\\s*machine:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern ARROW = Pattern.compile("^\\s*(\\S+)\\s*-->\\s*(\\S+)\\s*(?::\\s*(.*?))?\\s*$", Pattern.MULTILINE);

    @Test
    void everyIllegalTransitionIsRefusedAndEveryLegalOneAccepted() throws Exception {
        Map<String, Set<String>> legal = transitions();
        List<String> generationStates = allowedValues("generation_state_check");
        List<String> paymentStatuses = new ArrayList<>(allowedValues("generation_payment_status_check"));
        assertTrue(generationStates.containsAll(List.of("queued", "creating", "unconfirmed", "pending", "processing", "completed", "failed")),
                generationStates.toString());
        assertTrue(paymentStatuses.containsAll(List.of("verified", "settling", "settled", "settle_unknown", "failed", "unpaid")),
                paymentStatuses.toString());
        paymentStatuses.add(null); // no payment
        for (String row : legal.get("generation")) {
            assertTrue(generationStates.containsAll(List.of(row.split(" --> "))), "a state the column allows: " + row);
        }
        for (String row : legal.get("payment")) {
            assertTrue(paymentStatuses.containsAll(List.of(row.split(" --> "))), "a status the column allows: " + row);
        }

        int[] refusedAndAccepted = new int[2];
        List<String> wrong = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.runtimeRole(), null)) {
            c.setSchema(db.schema());
            c.setAutoCommit(false);
            tryEveryPair(c, "state", generationStates, legal.get("generation"), refusedAndAccepted, wrong);
            tryEveryPair(c, "payment_status", paymentStatuses, legal.get("payment"), refusedAndAccepted, wrong);
        }
        int refused = refusedAndAccepted[0];
        int accepted = refusedAndAccepted[1];
        assertEquals(List.of(), wrong);
        // 7 states: 15 moves + 7 stays legal, 27 refused; 6 statuses and none: 9 moves + 7 stays legal, 33 refused
        assertEquals(15 + 9, legal.get("generation").size() + legal.get("payment").size());
        assertEquals(27 + 33, refused);
        assertEquals(15 + 7 + 9 + 7, accepted);
        assertEquals(0, rows(), "every try was rolled back");
    }

    /** Every (from, to) pair of one column's values on a real row: counts refused / accepted, notes each wrong outcome. */
    private void tryEveryPair(Connection c, String column, List<String> values, Set<String> legal, int[] refusedAndAccepted,
            List<String> wrong) throws SQLException {
        for (String from : values) {
            for (String to : values) {
                boolean isLegal = java.util.Objects.equals(from, to) || legal.contains(from + " --> " + to);
                String outcome = attempt(c, column, from, to, isLegal);
                if (outcome != null) {
                    wrong.add(outcome);
                }
                refusedAndAccepted[isLegal ? 1 : 0]++;
            }
        }
    }

    /** One try on a fresh row in its own transaction, rolled back; null when the outcome is the expected one. */
    private String attempt(Connection c, String column, String from, String to, boolean isLegal) throws SQLException {
        String id = "gen_sm_" + column + "_" + from + "_" + to;
        String label = column + " " + from + " -> " + to;
        try {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO generation (id, model, kie_model, prompt, options, price_usd,"
                    + " state, payment_status) VALUES (?, 'sora-2', 'sora-2-text-to-video', 'x', '{}', 1, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, column.equals("state") ? from : "pending");
                insert.setString(3, column.equals("state") ? null : from);
                insert.executeUpdate();
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE generation SET " + column + " = ?, updated_at = now() WHERE id = ?")) {
                update.setString(1, to);
                update.setString(2, id);
                int changed = update.executeUpdate();
                if (!isLegal) {
                    return label + ": accepted, but it is not in state_transition";
                }
                if (changed != 1) {
                    return label + ": changed " + changed + " rows";
                }
            }
            try (PreparedStatement read = c.prepareStatement("SELECT " + column + " FROM generation WHERE id = ?")) {
                read.setString(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    return java.util.Objects.equals(to, rs.getString(1)) ? null : label + ": the row says " + rs.getString(1);
                }
            }
        } catch (SQLException e) {
            if (isLegal) {
                return label + ": refused, but it is legal: " + e.getSQLState() + " " + e.getMessage();
            }
            if (!REFUSED.equals(e.getSQLState())) {
                return label + ": refused with " + e.getSQLState() + " instead of " + REFUSED + ": " + e.getMessage();
            }
            String machine = column.equals("state") ? "generation state" : "payment status";
            String expected = "illegal " + machine + " transition: " + (from == null ? "NULL" : from) + " -> " + (to == null ? "NULL" : to)
                    + " (generation " + id + ")";
            return e.getMessage().contains(expected) ? null : label + ": unclear message: " + e.getMessage();
        } finally {
            c.rollback();
        }
    }

    @Test
    void theDrawingListsExactlyTheTable() throws Exception {
        Map<String, Set<String>> drawn = new TreeMap<>();
        Matcher fence = FENCE.matcher(Files.readString(DRAWING));
        while (fence.find()) {
            String block = fence.group(1);
            assertTrue(block.contains("stateDiagram-v2"), "a Mermaid state diagram: " + block);
            Matcher machine = MACHINE.matcher(block);
            if (!machine.find()) {
                fail("a diagram without its %% machine: line in " + DRAWING);
            }
            Set<String> arrows = new TreeSet<>();
            Matcher arrow = ARROW.matcher(block);
            while (arrow.find()) {
                if (arrow.group(1).equals("[*]") || arrow.group(2).equals("[*]")) {
                    continue; // start and end markers, not transitions
                }
                assertTrue(arrows.add(arrow.group(1) + " --> " + arrow.group(2) + " : " + arrow.group(3)), "drawn twice: " + arrow.group());
            }
            assertFalse(drawn.containsKey(machine.group(1)), "drawn twice: " + machine.group(1));
            drawn.put(machine.group(1), arrows);
        }
        Map<String, Set<String>> table = new TreeMap<>();
        for (Map<String, Object> row : db.rows("SELECT machine, from_state, to_state, made_by FROM state_transition")) {
            table.computeIfAbsent((String) row.get("machine"), m -> new TreeSet<>())
                    .add(row.get("from_state") + " --> " + row.get("to_state") + " : " + row.get("made_by"));
        }
        assertEquals(Set.of("generation", "payment"), table.keySet());
        assertEquals(table, drawn, DRAWING + " draws the rows of state_transition, each labelled with its made_by");
    }

    /** machine -> "from --> to", as the runtime role reads them (it may). */
    private Map<String, Set<String>> transitions() throws SQLException {
        Map<String, Set<String>> legal = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.runtimeRole(), null)) {
            c.setSchema(db.schema());
            try (ResultSet rs = c.createStatement().executeQuery("SELECT machine, from_state, to_state FROM state_transition")) {
                while (rs.next()) {
                    legal.computeIfAbsent(rs.getString(1), m -> new TreeSet<>()).add(rs.getString(2) + " --> " + rs.getString(3));
                }
            }
        }
        assertEquals(Set.of("generation", "payment"), legal.keySet());
        return legal;
    }

    /** The values a CHECK (column IN (...)) constraint on generation allows, in its order. */
    private List<String> allowedValues(String constraint) throws SQLException {
        String definition = (String) db.rows("SELECT pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE conname = ?"
                + " AND conrelid = ?::regclass", constraint, db.schema() + ".generation").get(0).get("d");
        Set<String> values = new LinkedHashSet<>();
        Matcher value = Pattern.compile("'([^']*)'::text").matcher(definition);
        while (value.find()) {
            values.add(value.group(1));
        }
        assertFalse(values.isEmpty(), definition);
        return new ArrayList<>(values);
    }
}
