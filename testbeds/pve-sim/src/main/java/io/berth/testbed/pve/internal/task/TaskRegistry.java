package io.berth.testbed.pve.internal.task;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All tasks by UPID, oldest first; keeps the most recent {@code capacity} tasks. */
public final class TaskRegistry {

    private final int capacity;
    private final Map<String, Task> tasks = new LinkedHashMap<>();

    public TaskRegistry(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(Task task) {
        tasks.put(task.upid().toString(), task);
        if (tasks.size() > capacity) {
            Iterator<Task> it = tasks.values().iterator();
            while (tasks.size() > capacity && it.hasNext()) {
                if (!it.next().running()) {
                    it.remove();
                }
            }
        }
    }

    public synchronized Optional<Task> find(String upid) {
        return Optional.ofNullable(tasks.get(upid));
    }

    public synchronized List<Task> all() {
        return new ArrayList<>(tasks.values());
    }

    public synchronized void clear() {
        tasks.clear();
    }
}
