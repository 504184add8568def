-- Sessions that span capture files, stitched from per-file analyses (docs/scale-out.md).
-- Input: a relation named `sessions` with the columns of docs/sql.md plus `capture`, one row
-- per session fragment as each machine saw its own file. A fragment continues the previous one
-- of the same 4-tuple unless it starts with a SYN or comes more than 30 s after it ended (the
-- idle gap after which tcplens itself would start a new session). Counts add up; the first
-- fragment gives the handshake figures, the last one the close.
WITH ordered AS (
    SELECT *,
           lag("end") OVER w AS previous_end
    FROM sessions
    WINDOW w AS (PARTITION BY client, client_port, server, server_port ORDER BY start, capture)
),
numbered AS (
    SELECT *,
           sum(CASE WHEN previous_end IS NULL OR syns > 0 OR start - previous_end > 30 THEN 1 ELSE 0 END)
               OVER (PARTITION BY client, client_port, server, server_port ORDER BY start, capture
                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_number
    FROM ordered
)
SELECT client, client_port, server, server_port, session_number,
       count(*)                          AS fragments,
       min(start)                        AS start,
       max("end")                        AS "end",
       max("end") - min(start)           AS duration,
       arg_min(syn_ack_delay, start)     AS syn_ack_delay,
       arg_min(irtt, start)              AS irtt,
       arg_min(isn_client, start)        AS isn_client,
       arg_min(isn_server, start)        AS isn_server,
       arg_max(closed_by, "end")         AS closed_by,
       CAST(sum(packets_c2s) AS BIGINT) AS packets_c2s,
       CAST(sum(packets_s2c) AS BIGINT) AS packets_s2c,
       CAST(sum(bytes_c2s) AS BIGINT) AS bytes_c2s,
       CAST(sum(bytes_s2c) AS BIGINT) AS bytes_s2c,
       CAST(sum(retransmissions) AS BIGINT) AS retransmissions,
       CAST(sum(lost_segments) AS BIGINT) AS lost_segments,
       CAST(sum(ack_lost_segments) AS BIGINT) AS ack_lost_segments,
       CAST(sum(dup_acks) AS BIGINT) AS dup_acks,
       CAST(sum(zero_windows) AS BIGINT) AS zero_windows,
       min(rtt_min)                      AS rtt_min,
       max(rtt_max)                      AS rtt_max,
       string_agg(capture, ',' ORDER BY start) AS captures
FROM numbered
GROUP BY ALL
ORDER BY start
