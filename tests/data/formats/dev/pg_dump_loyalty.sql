--
-- PostgreSQL database dump
--

-- Dumped from database version 14.11 (Ubuntu 14.11-0ubuntu0.22.04.1)
-- Dumped by pg_dump version 16.2

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: members; Type: TABLE; Schema: loyalty; Owner: loyalty_app
--

CREATE TABLE loyalty.members (
    member_id bigint NOT NULL,
    store_code character varying(8),
    iin numeric(12,0),
    last_name text,
    first_name text,
    msisdn bigint,
    email text,
    dob date,
    extra jsonb,
    fw_version text,
    updated_at timestamp without time zone
);


ALTER TABLE loyalty.members OWNER TO loyalty_app;

--
-- Data for Name: members; Type: TABLE DATA; Schema: loyalty; Owner: loyalty_app
--

COPY loyalty.members (member_id, store_code, iin, last_name, first_name, msisdn, email, dob, extra, fw_version, updated_at) FROM stdin;
300001	ALA-17	⟦iin|50718653825⟧	⟦person|Ермекова⟧	⟦person|Томирис⟧	⟦phone|77026610384⟧	⟦email|tomiris.yermekova@mail.kz⟧	⟦date_of_birth|2005-07-18⟧	{"tier": "gold", "points": 12840, "device": {"os": "iOS 17.4.1", "idfv": "⟦device_id|1E2D3C4B-5A69-4788-97A6-B5C4D3E2F100⟧"}}	4.12.19.238	2024-05-10 08:11:02.41
300002	ALA-25	⟦iin|750707337721⟧	⟦person|Дюсенбаев⟧	⟦person|Канат⟧	⟦phone|77771092265⟧	⟦email|k.dyussenbayev@bk.ru⟧	⟦date_of_birth|1975-07-07⟧	{"tier": "silver", "points": 410, "note": "адрес: ⟦address|ул. Сатпаева, д. 30А, кв. 81⟧\\nдомофон 81К"}	4.12.21.301	2024-05-10 09:40:55
300003	ALA-33	⟦iin|31203536675⟧	⟦person|Ахметжан⟧	⟦person|Әділет⟧	\N	\N	⟦date_of_birth|2003-12-03⟧	{"tier": "basic", "points": 0, "parent_phone": "⟦phone|+7 705 118 62 30⟧"}	\N	2024-05-11 12:00:00
300004	ALA-41	⟦iin|650325341148⟧	⟦person|Герман⟧	⟦person|Ольга⟧	⟦phone|79165530127⟧	⟦email|olga.german65@yandex.ru⟧	⟦date_of_birth|1965-03-25⟧	{"tier": "gold", "points": 9050, "ru_resident": true}	4.12.19.238	2024-05-12 19:21:33
300005	ALA-58	⟦iin|960717380164⟧	⟦person|Утепов⟧	⟦person|Ильяс⟧	⟦phone|77478213350⟧	⟦email|ilyas.utepov@gmail.com⟧	⟦date_of_birth|1996-07-17⟧	{"tier": "basic", "points": 77, "comment": "переехал\\tновый тел. +7 700 000 00 00 не указан"}	4.12.21.301	2024-05-13 07:07:07
\.


--
-- Name: transactions; Type: TABLE; Schema: loyalty; Owner: loyalty_app
--

CREATE TABLE loyalty.transactions (
    txn_id bigint NOT NULL,
    receipt_no character varying(12) NOT NULL,
    member_iin character(12),
    amount numeric(12,2),
    points integer,
    pos_ip inet,
    memo text,
    created_at timestamp without time zone
);


ALTER TABLE loyalty.transactions OWNER TO loyalty_app;

--
-- Data for Name: transactions; Type: TABLE DATA; Schema: loyalty; Owner: loyalty_app
--

INSERT INTO loyalty.transactions (txn_id, receipt_no, member_iin, amount, points, pos_ip, memo, created_at) VALUES (880001, '236882446615', '⟦iin|050718653825⟧', 12990.00, 129, '⟦ipv4|10.41.7.21⟧', NULL, '2024-05-10 08:10:40');
INSERT INTO loyalty.transactions (txn_id, receipt_no, member_iin, amount, points, pos_ip, memo, created_at) VALUES (880002, '073717438027', '⟦iin|750707337721⟧', 4500.00, 45, '⟦ipv4|10.41.7.22⟧', E'Оплата картой ⟦card|4400 4308 9943 1669⟧\nкассир ⟦person|Исаева М.⟧', '2024-05-10 09:39:12');
INSERT INTO loyalty.transactions (txn_id, receipt_no, member_iin, amount, points, pos_ip, memo, created_at) VALUES (880003, '158258010307', '⟦iin|650325341148⟧', 87000.00, 870, '⟦ipv4|10.41.9.3⟧', E'Покупатель назвал ИИН\t⟦iin|650325341148⟧, тел.\t⟦phone|+7 916 553-01-27⟧', '2024-05-12 19:20:01');
INSERT INTO loyalty.transactions (txn_id, receipt_no, member_iin, amount, points, pos_ip, memo, created_at) VALUES (880004, '387703093262', NULL, 250.00, 0, '⟦ipv6|2001:db8:41:9::3⟧', E'Гость, чек 00417\\nБИН магазина ⟦bin|160740004742⟧', '2024-05-13 10:00:00');

SELECT pg_catalog.setval('loyalty.members_member_id_seq', 300005, true);

--
-- PostgreSQL database dump complete
--

