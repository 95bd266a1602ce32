package io.switchboard.callstate.query;

import java.util.List;

/** One page of history; {@code next} is the cursor of the following page, null on the last one. */
record HistoryPage(List<CallView> items, String next) {}
