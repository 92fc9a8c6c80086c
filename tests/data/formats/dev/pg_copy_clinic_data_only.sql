--
-- PostgreSQL database dump
--

-- Dumped from database version 15.6 (Debian 15.6-1.pgdg120+2)
-- Dumped by pg_dump version 15.6 (Debian 15.6-1.pgdg120+2)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Data for Name: patients; Type: TABLE DATA; Schema: clinic; Owner: clinic_app
--

COPY clinic.patients (id, iin, last_name, first_name, middle_name, birth_date, sex, phones, email, address, postcode, document, consent_sms, created_at) FROM stdin;
20411	⟦iin|870412411369⟧	⟦person|Касымова⟧	⟦person|Сауле⟧	⟦person|Ерлановна⟧	⟦date_of_birth|1987-04-12⟧	F	{⟦phone|+77012345618⟧,"⟦phone|8 727 293 14 05⟧"}	⟦email|saule.kasymova@mail.kz⟧	г. Алматы, ⟦address|ул. Байзакова, д. 221, кв. 34⟧	⟦postcode|050040⟧	{"type": "id_card", "issued": "2019-05-14", "number": "⟦id_card|045812367⟧", "issued_by": "МВД РК"}	t	2024-01-17 09:12:44.518231+05
20412	⟦iin|791123375432⟧	⟦person|Омаров⟧	⟦person|Бауыржан⟧	⟦person|Нурланұлы⟧	⟦date_of_birth|1979-11-23⟧	M	{⟦phone|+77775550912⟧}	\N	Алматы облысы, Қарасай ауданы, Қаскелең қ., ⟦address|Тәуелсіздік көшесі, 41-үй⟧	⟦postcode|040900⟧	{"type": "passport", "issued": "2021-02-03", "number": "⟦passport|N13579246⟧"}	f	2024-02-02 15:40:03.004417+05
20413	⟦iin|020505658476⟧	⟦person|Рахимова⟧	⟦person|Мадина⟧	\N	⟦date_of_birth|2002-05-05⟧	F	{⟦phone|+77085553017⟧,⟦phone|+79162043318⟧}	⟦email|madina.rakhimova02@gmail.com⟧	г. Алматы, ⟦address|мкр. Аксай-4, д. 87, кв. 16⟧	⟦postcode|A15E3K8⟧	\N	t	2024-03-01 11:05:27.90012+05
20414	⟦iin|640816338175⟧	⟦person|Шевченко⟧	⟦person|Сергей⟧	⟦person|Петрович⟧	⟦date_of_birth|1964-08-16⟧	M	{}	⟦email|s.shevchenko64@yandex.ru⟧	г. Алматы, ⟦address|ул. Жамбыла, 114/85, кв. 9⟧	⟦postcode|050026⟧	{"type": "id_card", "number": "⟦id_card|031447590⟧"}	f	2024-03-12 17:58:10.33+05
20415	000000000000	Аноним	Пациент	\N	\N	\N	{}	\N	\N	\N	\N	f	2024-03-13 08:00:00+05
\.


--
-- Data for Name: appointments; Type: TABLE DATA; Schema: clinic; Owner: clinic_app
--

COPY clinic.appointments (id, patient_id, doctor, starts_at, room, complaint, icd10, price, status) FROM stdin;
88107	20411	⟦person|Ахметжанова Г.Т.⟧	2024-03-14 09:30:00+05	214	Головная боль 3 дня, давление 150/95.\nКонтакт дочери: ⟦phone|+7 747 118 20 36⟧ (⟦person|Айгерим⟧)	I10	12500.00	done
88108	20412	⟦person|Искаков Ерболат Маратович⟧	2024-03-14 10:00:00+05	108	Контроль после операции\tповязка	Z48.0	0.00	done
88109	20413	⟦person|Ахметжанова Г.Т.⟧	2024-03-14 10:30:00+05	214	\N	J06.9	12500.00	no_show
88110	20414	⟦person|Ли Елена Викторовна⟧	2024-03-14 11:15:00+05	301	Справка 086/у для ВУЗа им. аль-Фараби	Z02.0	8000.00	scheduled
88111	20415	⟦person|Искаков Е.М.⟧	2024-03-15 08:00:00+05	108	Проверка расписания (тест)	\N	0.00	cancelled
\.


--
-- Data for Name: payments; Type: TABLE DATA; Schema: clinic; Owner: clinic_app
--

COPY clinic.payments (id, appointment_id, amount, method, card_mask, rrn, auth_code, terminal_id, paid_at) FROM stdin;
61230	88107	12500.00	card	440043******4782	418553457868	A7K29Q	ALM00214	2024-03-14 09:58:41+05
61231	88110	8000.00	kaspi_qr	\N	864684141225	\N	ALM00214	2024-03-14 11:40:02+05
61232	88108	0.00	osms	\N	\N	\N	\N	2024-03-14 10:31:12+05
\.


--
-- Data for Name: workstations; Type: TABLE DATA; Schema: clinic; Owner: clinic_app
--

COPY clinic.workstations (id, hostname, mac, ip, subnet, room, os_build) FROM stdin;
1	reg-desk-01	⟦mac|d8:bb:c1:4e:02:7a⟧	⟦ipv4|10.20.4.11⟧	⟦ipv4|10.20.4.0⟧/24	101	10.0.19045.4170
2	doc-214	⟦mac|00:e0:4c:68:1f:b3⟧	⟦ipv4|10.20.4.37⟧	⟦ipv4|10.20.4.0⟧/24	214	10.0.22631.3296
3	lab-analyzer	⟦mac|3c:52:82:19:a0:c4⟧	⟦ipv4|10.20.6.5⟧	⟦ipv4|10.20.6.0⟧/24	012	6.1.7601.24545
\.


--
-- Data for Name: audit_log; Type: TABLE DATA; Schema: clinic; Owner: clinic_app
--

COPY clinic.audit_log (id, at, actor, action, ip, details) FROM stdin;
3400911	2024-03-14 09:12:05.118+05	⟦user_id|g.akhmetzhanova⟧	login	⟦ipv4|10.20.4.37⟧	{"ua": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.112 Safari/537.36", "mfa": true}
3400912	2024-03-14 09:58:44.702+05	⟦user_id|g.akhmetzhanova⟧	patient.update	⟦ipv4|10.20.4.37⟧	{"field": "phones", "patient_id": 20411, "request_id": "7f1c2a90-3b4e-4d21-8a6f-5e0c9d1b2a33"}
3400913	2024-03-14 10:02:19.5+05	⟦user_id|a.seitkali⟧	export.csv	⟦ipv4|178.89.140.23⟧	{"rows": 418, "sha256": "9b74c9897bac770ffc029102a200c5de3f1b7c2e4d8a6b5f0e1d2c3b4a596877"}
3400914	2024-03-14 10:15:00+05	postgres	vacuum	\N	{"table": "clinic.audit_log", "pages_removed": 1207}
3400915	2024-03-14 10:47:33.09+05	⟦user_id|e.iskakov⟧	login.failed	⟦ipv6|2a03:32c0:3:8b1::1f4⟧	{"reason": "bad_password", "attempt": 2}
\.


--
-- Name: appointments_id_seq; Type: SEQUENCE SET; Schema: clinic; Owner: clinic_app
--

SELECT pg_catalog.setval('clinic.appointments_id_seq', 88111, true);


--
-- Name: patients_id_seq; Type: SEQUENCE SET; Schema: clinic; Owner: clinic_app
--

SELECT pg_catalog.setval('clinic.patients_id_seq', 20415, true);


--
-- PostgreSQL database dump complete
--

