package io.berth.core.internal.db;

import java.util.IdentityHashMap;
import java.util.Map;

import org.jooq.Field;
import org.jooq.Record;

/**
 * Where each field of a select list is in its records, to read a value by position: jOOQ's
 * {@code Record.get(Field)} finds a field by comparing qualified names, which costs more than the rest
 * of reading a row that is read at every step of every job. The fields are the very objects of the
 * select list (a generated table's columns), so two tables' columns of the same name stay apart.
 */
public final class FieldPositions {

    private final Map<Field<?>, Integer> positions = new IdentityHashMap<>();

    /** The positions of {@code fields}, in the order of the select list. */
    @SafeVarargs
    public FieldPositions(Field<?>[]... fields) {
        int i = 0;
        for (Field<?>[] list : fields) {
            for (Field<?> field : list) {
                positions.putIfAbsent(field, i++);
            }
        }
    }

    /** The value of {@code field} in {@code row}, a record of this select list. */
    @SuppressWarnings("unchecked")
    public <T> T get(Record row, Field<T> field) {
        Integer at = positions.get(field);
        if (at == null) {
            throw new IllegalArgumentException("not in the select list: " + field);
        }
        return (T) row.get(at);
    }
}
