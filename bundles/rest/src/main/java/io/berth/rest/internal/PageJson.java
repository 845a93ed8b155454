package io.berth.rest.internal;

import io.berth.api.domain.Page;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code {items, next_cursor}}, the cursor {@code null} on the last page. */
public record PageJson<T>(List<T> items, String nextCursor) {

    static <S, T> PageJson<T> of(Page<S> page, Function<S, T> map) {
        return new PageJson<>(page.items().stream().map(map).toList(), page.nextCursor());
    }
}
