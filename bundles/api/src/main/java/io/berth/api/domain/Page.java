package io.berth.api.domain;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items the items of this page
 * @param nextCursor an opaque cursor for the next page, {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
