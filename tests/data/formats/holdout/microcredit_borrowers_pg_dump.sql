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
-- Name: borrowers; Type: TABLE; Schema: public; Owner: microcredit
--

CREATE TABLE public.borrowers (
    id integer NOT NULL,
    iin character(12) NOT NULL,
    last_name text NOT NULL,
    first_name text NOT NULL,
    patronymic text,
    birth_date date,
    doc_type text,
    doc_number text,
    mobile text,
    email text,
    reg_address text,
    payout_card text,
    payout_iban text,
    employer_bin character(12),
    score numeric(5,2),
    created_at timestamp with time zone DEFAULT now()
);


ALTER TABLE public.borrowers OWNER TO microcredit;

--
-- Data for Name: borrowers; Type: TABLE DATA; Schema: public; Owner: microcredit
--

INSERT INTO public.borrowers (id, iin, last_name, first_name, patronymic, birth_date, doc_type, doc_number, mobile, email, reg_address, payout_card, payout_iban, employer_bin, score, created_at) VALUES (501, '⟦iin|011115668325⟧', '⟦person|Сарсенбаева⟧', '⟦person|Алия⟧', '⟦person|Бахытовна⟧', '⟦date_of_birth|2001-11-15⟧', 'ID_CARD', '⟦id_card|046718235⟧', '⟦phone|+7 778 615 20 44⟧', '⟦email|aliya.sarsenbayeva@mail.ru⟧', '⟦address|ул. Толе би, д. 189, кв. 61⟧, Алматы', '⟦card|2202 3784 3962 4844⟧', NULL, '⟦bin|161060951748⟧', 612.40, '2024-02-11 10:15:32.118+05');
INSERT INTO public.borrowers (id, iin, last_name, first_name, patronymic, birth_date, doc_type, doc_number, mobile, email, reg_address, payout_card, payout_iban, employer_bin, score, created_at) VALUES (502, '⟦iin|530323446269⟧', '⟦person|Петренко⟧', '⟦person|Ольга⟧', '⟦person|Ивановна⟧', '⟦date_of_birth|1953-03-23⟧', 'PASSPORT', '⟦passport|N11904732⟧', '⟦phone|87012274519⟧', '⟦email|olga.petrenko53@gmail.com⟧', '⟦address|мкр. Самал-2, д. 58, кв. 9⟧, Алматы', NULL, '⟦iban|KZ94856KZT1740181950⟧', NULL, 540.00, '2024-02-11 11:02:07.5+05');
INSERT INTO public.borrowers (id, iin, last_name, first_name, patronymic, birth_date, doc_type, doc_number, mobile, email, reg_address, payout_card, payout_iban, employer_bin, score, created_at) VALUES (503, '⟦iin|990804401169⟧', '⟦person|Искакова⟧', '⟦person|Жанар⟧', NULL, '⟦date_of_birth|1999-08-04⟧', 'ID_CARD', '⟦id_card|052339810⟧', '⟦phone|8-700-5512290⟧', '⟦email|zhanar.iskakova@bk.ru⟧', '⟦address|Сарыарқа даңғылы, 31-үй, 204-пәтер⟧, Астана', '⟦card|5375276732159878⟧', NULL, '⟦bin|050441027050⟧', 701.95, '2024-02-12 09:47:51.903+05');
INSERT INTO public.borrowers (id, iin, last_name, first_name, patronymic, birth_date, doc_type, doc_number, mobile, email, reg_address, payout_card, payout_iban, employer_bin, score, created_at) VALUES (504, '⟦iin|600226478364⟧', '⟦person|Д''Арси⟧', '⟦person|Мадина⟧', '⟦person|Руслановна⟧', '⟦date_of_birth|1960-02-26⟧', 'ID_CARD', '⟦id_card|039172644⟧', '⟦phone|+7-705-880-14-36⟧', NULL, '⟦address|ул. Гоголя, д. 12, кв. 3⟧, Костанай', NULL, '⟦iban|KZ26 9651 6709 2729 4284⟧', NULL, 488.10, '2024-02-12 14:30:00+05');
INSERT INTO public.borrowers (id, iin, last_name, first_name, patronymic, birth_date, doc_type, doc_number, mobile, email, reg_address, payout_card, payout_iban, employer_bin, score, created_at) VALUES (505, '⟦iin|910902326225⟧', '⟦person|Абдрахманов⟧', '⟦person|Данияр⟧', '⟦person|Маратұлы⟧', '⟦date_of_birth|1991-09-02⟧', 'ID_CARD', '⟦id_card|041055297⟧', '⟦phone|+77761093355⟧', '⟦email|daniyar.abdrakhmanov@halykbank-staff.kz⟧', '⟦address|пр-т Нурсултана Назарбаева, д. 240Г, кв. 17⟧, Алматы', '⟦card|4390 1361 9723 8159⟧', '⟦iban|KZ81601KZT0560344411⟧', '⟦bin|050441027050⟧', 755.30, '2024-02-13 08:05:44.27+05');


--
-- Name: sms_log; Type: TABLE; Schema: public; Owner: microcredit
--

CREATE TABLE public.sms_log (
    id bigint NOT NULL,
    borrower_iin bigint,
    msisdn text,
    template text,
    body text,
    provider_msg_id text,
    sent_at timestamp with time zone
);


ALTER TABLE public.sms_log OWNER TO microcredit;

--
-- Data for Name: sms_log; Type: TABLE DATA; Schema: public; Owner: microcredit
--

COPY public.sms_log (id, borrower_iin, msisdn, template, body, provider_msg_id, sent_at) FROM stdin;
90017	⟦iin|11115668325⟧	⟦phone|77786152044⟧	otp	Kod podtverzhdeniya: 481920\tNe soobshchayte nikomu	MSG-7F3A92C1	2024-02-11 10:15:40+05
90018	⟦iin|530323446269⟧	⟦phone|77012274519⟧	approve	⟦person|Ольга Ивановна⟧, заявка №502 одобрена.\nСумма: 350 000,00 KZT	MSG-7F3A92D8	2024-02-11 11:40:13+05
90019	\N	⟦phone|77005512290⟧	reminder	Платёж 45 600 тг до 15.03.2024. Реквизиты: ИИК ⟦iban|KZ269651670927294284⟧\tБИК IRTYKZKA	\N	2024-03-10 09:00:00+05
90020	⟦iin|910902326225⟧	⟦phone|77761093355⟧	otp	Kod: 007731\\n (ne perevod stroki)	MSG-7F3A9311	2024-02-13 08:05:50+05
90021	\N	\N	broadcast	Акция! Ставка 0% до 30 дней. Отписка: STOP на 1414	MSG-7F3A9400	2024-02-14 12:00:00+05
90022	⟦iin|981124469876⟧	⟦phone|+79162045581⟧	reminder	Уважаемая ⟦person|Айнур Сериковна⟧, просрочка 3 дн.	MSG-7F3A9455	2024-02-15 10:30:00+05
\.


--
-- Name: borrowers borrowers_pkey; Type: CONSTRAINT; Schema: public; Owner: microcredit
--

ALTER TABLE ONLY public.borrowers
    ADD CONSTRAINT borrowers_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

