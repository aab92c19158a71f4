-- Team load and one-click rebalance (docs/decisions/0031-team-load-and-rebalance.md).

-- The due times between which a task with slack may move: from the day its step wanted it to the
-- end of its last allowed working day. The planner writes them as it places the task; a rebalance
-- moves a task only inside them. Both empty for work without slack (a recovery call keeps its
-- deadline) and for touches people plan by hand.
alter table touches add column window_from timestamptz;
alter table touches add column window_until timestamptz;
alter table touches add constraint touches_window_range check (window_until is null or window_from is null or window_until > window_from);
