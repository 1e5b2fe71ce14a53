-- Lookups by track. Without these, starting a timer (which first cancels the track's active timer
-- of that name) walked every active timer of the node through case_timer_due: under the load
-- harness that UPDATE took a fifth of the node's CPU and grew with the number of open requests.
CREATE INDEX case_timer_track ON case_timer (track_id, name);
CREATE INDEX case_condition_track ON case_condition (track_id);
CREATE INDEX case_obligation_track ON case_obligation (track_id);
