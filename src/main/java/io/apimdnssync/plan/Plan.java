package io.apimdnssync.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The writes a pass would make, and what it found. Plain data. */
public record Plan(List<Change> changes, List<Finding> findings) {

    public long deletes() {
        return changes.stream().filter(c -> c.action() == Change.Action.DELETE).count();
    }

    public Map<ZoneRef, List<Change>> byZone() {
        return changes.stream().collect(Collectors.groupingBy(Change::zone, java.util.LinkedHashMap::new,
                Collectors.toList()));
    }

    public Plan withoutDeletes(Finding why) {
        List<Finding> f = new ArrayList<>(findings);
        f.add(why);
        return new Plan(changes.stream().filter(c -> c.action() != Change.Action.DELETE).toList(), f);
    }
}
