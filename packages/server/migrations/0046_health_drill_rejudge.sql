-- 0046 health facts follow the incident drill flag: the health scan judges again the
-- facts of alerts whose incident was marked a drill (or real) or that joined one after
-- they paged, by alert.
create index health_notifications_alert_idx on health_notifications (alert_id);
