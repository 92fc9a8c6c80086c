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

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: clients; Type: TABLE; Schema: public; Owner: crm
--

CREATE TABLE public.clients (
    id integer NOT NULL,
    iin character(12) NOT NULL,
    full_name text NOT NULL,
    phone character varying(32),
    email character varying(254),
    birth_date date,
    address text,
    note text,
    app_version character varying(16),
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE public.clients OWNER TO crm;

--
-- Name: legacy_import; Type: TABLE; Schema: public; Owner: crm
--

CREATE TABLE public.legacy_import (
    row_id bigint NOT NULL,
    iin bigint,
    row_crc64 bigint,
    amount_kzt numeric(14,2),
    batch_id integer
);


ALTER TABLE public.legacy_import OWNER TO crm;

--
-- Name: orders; Type: TABLE; Schema: public; Owner: crm
--

CREATE TABLE public.orders (
    id integer NOT NULL,
    order_no character varying(20) NOT NULL,
    client_iin character(12),
    amount numeric(12,2) NOT NULL,
    tracking_no character varying(32),
    comment text,
    created_at timestamp with time zone NOT NULL
);


ALTER TABLE public.orders OWNER TO crm;

--
-- Data for Name: clients; Type: TABLE DATA; Schema: public; Owner: crm
--

COPY public.clients (id, iin, full_name, phone, email, birth_date, address, note, app_version, created_at) FROM stdin;
1	⟦iin|850702336579⟧	⟦person|Нурланова Айгерим Ерлановна⟧	⟦phone|+7 701 412 33 90⟧	⟦email|a.nurlanova@mail.kz⟧	⟦date_of_birth|1985-07-02⟧	г. Алматы, ⟦address|ул. Розыбакиева, д. 247, кв. 58⟧	VIP\\tперезвонить после 18:00	4.12.19	2024-03-11 09:14:52.118+05
2	⟦iin|901119394551⟧	⟦person|Жумабаев Ерлан Серикович⟧	⟦phone|87057781204⟧	⟦email|erlan.zhumabayev@gmail.com⟧	⟦date_of_birth|1990-11-19⟧	г. Астана, ⟦address|пр. Мангилик Ел, д. 55/20, кв. 112⟧	жена: ⟦person|Жумабаева Алия⟧\n⟦phone|+7 747 120 05 61⟧	4.12.21	2024-03-12 16:02:07.5+05
3	⟦iin|840219491799⟧	⟦person|Ким Виктория Сергеевна⟧	⟦phone|8 (7172) 55-21-09⟧	\N	⟦date_of_birth|1984-02-19⟧	\N	Доп. контакт:\t⟦email|vika.kim84@yandex.kz⟧\nИИН мужа ⟦iin|861107415969⟧	\N	2024-03-14 11:45:00+05
4	⟦iin|020904695485⟧	⟦person|Сейткали Мадина Бауыржанқызы⟧	⟦phone|+7 (775) 301-88-14⟧	⟦email|madina.seitkali@outlook.com⟧	⟦date_of_birth|2002-09-04⟧	Шымкент қ., ⟦address|Тәуке хан даңғылы, 37-үй, 4-пәтер⟧	студентка; карта ⟦card|4400 4303 8885 3936⟧ (Kaspi Gold)\nпромокод SPRING2024	5.0.3	2024-04-01 08:00:31+05
5	⟦iin|870702307638⟧	⟦person|Оспанов Арман Бахытжанович⟧	⟦phone|+7 700 918 27 44⟧	⟦email|arman.ospanov@halyk-partner.kz⟧	⟦date_of_birth|1987-07-02⟧	\N	звонил 2024-04-02 в 10:15, ticket #480213\\nсм. заявку SR-2024-000417	5.0.3	2024-04-02 10:20:44+05
6	⟦iin|811026411263⟧	⟦person|Ли Светлана Алексеевна⟧	⟦phone|+996 555 214 307⟧	⟦email|svetlana.li@mail.ru⟧	⟦date_of_birth|1981-10-26⟧	\N	живёт в Бишкеке, резерв: ⟦phone|+7 (705) 610-44-02⟧	4.12.19.238	2024-04-05 13:37:12+05
\.


--
-- Data for Name: legacy_import; Type: TABLE DATA; Schema: public; Owner: crm
--

COPY public.legacy_import (row_id, iin, row_crc64, amount_kzt, batch_id) FROM stdin;
100001	⟦iin|20702503871⟧	2456064425258417221	125000.00	20240301
100002	⟦iin|90314509852⟧	3406906422018949273	8900.50	20240301
100003	⟦iin|10311530394⟧	6468248133177167415	43210.00	20240301
100004	⟦iin|770703314863⟧	7861568686074522602	1200000.00	20240302
100005	\N	6113930923205721641	0.00	20240302
\.


--
-- Data for Name: orders; Type: TABLE DATA; Schema: public; Owner: crm
--

INSERT INTO public.orders (id, order_no, client_iin, amount, tracking_no, comment, created_at) VALUES
	(5001, '493066683645', '⟦iin|850702336579⟧', 15990.00, 'KZ740718818173', NULL, '2024-03-11 09:20:00+05'),
	(5002, '171800239042', '⟦iin|901119394551⟧', 249000.00, '920707413745', 'Доставка: ⟦address|ул. Кенесары, 40, кв. 7⟧, домофон 7#', '2024-03-12 16:10:00+05'),
	(5003, '486111489364', '⟦iin|020904695485⟧', 4500.00, '409319254499', 'Оплачено картой ⟦card|5522 0435 7712 9081⟧', '2024-04-01 08:05:00+05'),
	(5004, '390084745378', NULL, 1000000.00, '414333776170', 'B2B, БИН ⟦bin|140140092161⟧, ТОО «Алтын Дән»', '2024-04-01 12:00:00+05'),
	(5005, '383064003761', '⟦iin|870702307638⟧', 87500.50, '847771834177', 'Получатель ⟦person|Оспанова Г.К.⟧
тел. ⟦phone|8 701 555 90 12⟧', '2024-04-02 10:30:00+05');


--
-- Name: clients_id_seq; Type: SEQUENCE SET; Schema: public; Owner: crm
--

SELECT pg_catalog.setval('public.clients_id_seq', 1042, true);


--
-- Name: clients clients_pkey; Type: CONSTRAINT; Schema: public; Owner: crm
--

ALTER TABLE ONLY public.clients
    ADD CONSTRAINT clients_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

