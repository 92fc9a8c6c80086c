-- Loaded with: clickhouse-client --host ch-olap-02.dc1.internal --port 9000 --database kyc --multiquery < kyc_events_2024-05-14.sql
-- ClickHouse 23.8.9.54, cluster 'olap_kz', shard 2 replica 1
-- batch_id: 7f3c2a1e-54b0-4b8e-9a57-0c1d2e3f4a5b

CREATE TABLE IF NOT EXISTS kyc.onboarding_events
(
    `event_date` Date,
    `event_time` DateTime64(3, 'Asia/Almaty'),
    `event_id` UUID,
    `application_no` UInt64,
    `iin` FixedString(12),
    `full_name` String,
    `phone` String,
    `email` Nullable(String),
    `client_ip` IPv4,
    `score` Float32,
    `channel` LowCardinality(String),
    `status` Enum8('new' = 1, 'approved' = 2, 'rejected' = 3, 'manual' = 4)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/kyc/onboarding_events', '{replica}')
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, application_no)
TTL event_date + toIntervalDay(1095)
SETTINGS index_granularity = 8192;

INSERT INTO kyc.onboarding_events (event_date, event_time, event_id, application_no, iin, full_name, phone, email, client_ip, score, channel, status) FORMAT Values
('2024-05-14', '2024-05-14 09:12:44.318', 'a3d1f6c2-7b0e-4c55-8f21-3e9d0b6a7c14', 240514000487, '⟦iin|850312338684⟧', '⟦person|Серикбаев Арман Болатович⟧', '⟦phone|+77017214459⟧', '⟦email|arman.serikbayev@mail.kz⟧', '⟦ipv4|95.56.214.37⟧', 0.873, 'mobile_app', 'approved'),
('2024-05-14', '2024-05-14 09:15:02.007', '0b7e9a11-2c3d-4e8f-9a0b-1c2d3e4f5a6b', 240514000488, '⟦iin|920714449706⟧', '⟦person|Жумабаева Айгерим Нурлановна⟧', '⟦phone|+77757703318⟧', NULL, '⟦ipv4|178.89.102.5⟧', 0.412, 'web', 'manual'),
('2024-05-14', '2024-05-14 09:21:37.560', '5c9d2e7f-1a0b-4c3d-8e9f-7a6b5c4d3e2f', 240514000489, '⟦iin|780125316919⟧', '⟦person|Ким Виктор Сергеевич⟧', '⟦phone|+77272598812⟧', '⟦email|v.kim78@gmail.com⟧', '⟦ipv4|37.99.48.211⟧', 0.951, 'branch', 'approved'),
('2024-05-14', '2024-05-14 09:30:11.902', 'e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7', 240514000495, '615838696400', 'Тестовый Клиент', '+70000000000', NULL, '⟦ipv4|10.20.0.15⟧', 0, 'qa', 'rejected'),
('2024-05-14', '2024-05-14 09:44:58.121', '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', 240514000491, '⟦iin|011103564905⟧', '⟦person|Оспанов Нурсултан Ерланулы⟧', '⟦phone|+77476120934⟧', '⟦email|nursultan.ospanov@inbox.ru⟧', '⟦ipv4|2.132.77.160⟧', 0.688, 'mobile_app', 'new');

-- second channel: partner API, rows arrive as JSON
INSERT INTO kyc.onboarding_events FORMAT JSONEachRow
{"event_date":"2024-05-14","event_time":"2024-05-14 10:02:17.440","event_id":"3f2e1d0c-b9a8-4765-8432-10fedcba9876","application_no":240514000492,"iin":"⟦iin|690908478467⟧","full_name":"⟦person|Абдрахманова Гульнара Маратовна⟧","phone":"⟦phone|87052143387⟧","email":"⟦email|g.abdrakhmanova@halyk-partner.kz⟧","client_ip":"⟦ipv4|91.185.22.14⟧","score":0.77,"channel":"partner_api","status":"approved"}
{"event_date":"2024-05-14","event_time":"2024-05-14 10:05:49.003","event_id":"7d6c5b4a-3928-4170-8f6e-5d4c3b2a1908","application_no":240514000493,"iin":"⟦iin|880229325409⟧","full_name":"⟦person|Тлеубердиев Данияр Каиратович⟧","phone":"⟦phone|+7 (778) 412-09-56⟧","email":null,"client_ip":"⟦ipv4|46.34.141.90⟧","score":0.593,"channel":"partner_api","status":"manual"}
{"event_date":"2024-05-14","event_time":"2024-05-14 10:11:30.775","event_id":"c0ffee00-1234-4abc-9def-001122334455","application_no":240514000494,"iin":"⟦iin|950530414779⟧","full_name":"⟦person|Исмаилова Динара Рустемовна⟧","phone":"⟦phone|+996 555 214 870⟧","email":"⟦email|dinara.ismailova@yandex.kz⟧","client_ip":"⟦ipv4|212.112.103.66⟧","score":0.305,"channel":"partner_api","status":"rejected"}

-- housekeeping
OPTIMIZE TABLE kyc.onboarding_events PARTITION 202405 FINAL;

SELECT
    status,
    count() AS cnt,
    round(avg(score), 3) AS avg_score,
    max(application_no) AS last_app
FROM kyc.onboarding_events
WHERE event_date = '2024-05-14'
GROUP BY status
ORDER BY cnt DESC
FORMAT PrettyCompactMonoBlock;

-- query_id: 1b4e28ba-2fa1-41d2-883f-0016d3cca427, elapsed 0.014 sec, read 9 rows, 1.21 KiB
ALTER TABLE kyc.onboarding_events DELETE WHERE application_no = 240514000495;
