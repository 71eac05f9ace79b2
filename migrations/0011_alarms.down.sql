-- Reverts 0011: the alarm outbox and its claim function (undelivered alarms are lost).
DROP FUNCTION streamjobs_pending_alarms();
DROP FUNCTION streamjobs_claim_alarms(text, integer, bigint);
DROP TABLE job_alarms;
DROP SEQUENCE job_alarm_id_seq;
