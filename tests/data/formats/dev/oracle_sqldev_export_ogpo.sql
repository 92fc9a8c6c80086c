--------------------------------------------------------
--  File created - Thursday-March-14-2024   
--------------------------------------------------------
--------------------------------------------------------
--  DDL for Table POLICYHOLDERS
--------------------------------------------------------

  CREATE TABLE "INS"."POLICYHOLDERS" 
   (	"ID" NUMBER(12,0), 
	"IIN" VARCHAR2(12 BYTE), 
	"FULL_NAME" VARCHAR2(200 CHAR), 
	"BIRTH_DATE" DATE, 
	"PHONE" VARCHAR2(32 BYTE), 
	"EMAIL" VARCHAR2(120 BYTE), 
	"ADDRESS" VARCHAR2(400 CHAR), 
	"ID_DOC_NO" VARCHAR2(20 BYTE), 
	"DRIVER_LIC" VARCHAR2(20 BYTE), 
	"CREATED_AT" TIMESTAMP (6)
   ) SEGMENT CREATION IMMEDIATE 
  PCTFREE 10 PCTUSED 40 INITRANS 1 MAXTRANS 255 
 NOCOMPRESS LOGGING
  STORAGE(INITIAL 65536 NEXT 1048576 MINEXTENTS 1 MAXEXTENTS 2147483645
  PCTINCREASE 0 FREELISTS 1 FREELIST GROUPS 1
  BUFFER_POOL DEFAULT FLASH_CACHE DEFAULT CELL_FLASH_CACHE DEFAULT)
  TABLESPACE "INS_DATA" ;
--------------------------------------------------------
--  DDL for Table POLICIES
--------------------------------------------------------

  CREATE TABLE "INS"."POLICIES" 
   (	"POLICY_NO" VARCHAR2(20 BYTE), 
	"HOLDER_ID" NUMBER(12,0), 
	"PRODUCT" VARCHAR2(10 BYTE), 
	"VEHICLE_PLATE" VARCHAR2(12 BYTE), 
	"VIN" VARCHAR2(17 BYTE), 
	"BONUS_MALUS" VARCHAR2(3 BYTE), 
	"PREMIUM_KZT" NUMBER(12,2), 
	"DATE_FROM" DATE, 
	"DATE_TO" DATE, 
	"PAYMENT_REF" VARCHAR2(32 BYTE)
   ) SEGMENT CREATION IMMEDIATE 
  PCTFREE 10 PCTUSED 40 INITRANS 1 MAXTRANS 255 
 NOCOMPRESS LOGGING
  TABLESPACE "INS_DATA" ;
REM INSERTING into INS.POLICYHOLDERS
SET DEFINE OFF;
Insert into INS.POLICYHOLDERS (ID,IIN,FULL_NAME,BIRTH_DATE,PHONE,EMAIL,ADDRESS,ID_DOC_NO,DRIVER_LIC,CREATED_AT) values ('300145','⟦iin|950730413183⟧','⟦person|Жумагалиева Асель Бекболатовна⟧',to_date('⟦date_of_birth|30-JUL-95⟧','DD-MON-RR'),'⟦phone|+7 747 310 55 81⟧','⟦email|asel.zh95@mail.ru⟧','г. Астана, ⟦address|пр. Туран, д. 37/2, кв. 118⟧','⟦id_card|052914673⟧','⟦driver_licence|BN 482716⟧',to_timestamp('11-MAR-24 09.14.02.118000000 AM','DD-MON-RR HH.MI.SSXFF AM'));
Insert into INS.POLICYHOLDERS (ID,IIN,FULL_NAME,BIRTH_DATE,PHONE,EMAIL,ADDRESS,ID_DOC_NO,DRIVER_LIC,CREATED_AT) values ('300146','⟦iin|751002319085⟧','⟦person|Серікбаев Ғалым Әбілұлы⟧',to_date('⟦date_of_birth|02-OCT-75⟧','DD-MON-RR'),'⟦phone|8 (702) 117-80-39⟧',null,'Ақмола облысы, Көкшетау қ., ⟦address|Абай көшесі, 88-үй, 4-пәтер⟧','⟦id_card|038811204⟧','⟦driver_licence|AT 119024⟧',to_timestamp('11-MAR-24 11.47.55.902000000 AM','DD-MON-RR HH.MI.SSXFF AM'));
Insert into INS.POLICYHOLDERS (ID,IIN,FULL_NAME,BIRTH_DATE,PHONE,EMAIL,ADDRESS,ID_DOC_NO,DRIVER_LIC,CREATED_AT) values ('300147','⟦iin|890228316476⟧','⟦person|Петров Игорь Николаевич⟧',to_date('⟦date_of_birth|28-FEB-89⟧','DD-MON-RR'),'⟦phone|+7 916 204 33 18⟧','⟦email|i.petrov89@yandex.ru⟧','г. Павлодар, ⟦address|ул. Кутузова, д. 204, кв. 61⟧','⟦passport|N07733124⟧','⟦driver_licence|KZ 0931775⟧',to_timestamp('12-MAR-24 03.05.17.000000000 PM','DD-MON-RR HH.MI.SSXFF AM'));
Insert into INS.POLICYHOLDERS (ID,IIN,FULL_NAME,BIRTH_DATE,PHONE,EMAIL,ADDRESS,ID_DOC_NO,DRIVER_LIC,CREATED_AT) values ('300148','⟦iin|931104495292⟧','⟦person|Lee Victoria⟧',to_date('⟦date_of_birth|04-NOV-93⟧','DD-MON-RR'),'⟦phone|87751234905⟧','⟦email|victoria.lee@outlook.com⟧','г. Алматы, ⟦address|мкр. Орбита-3, д. 21, кв. 40⟧','⟦id_card|047720159⟧','⟦driver_licence|BN 903318⟧',to_timestamp('13-MAR-24 08.30.41.500000000 PM','DD-MON-RR HH.MI.SSXFF AM'));
Insert into INS.POLICYHOLDERS (ID,IIN,FULL_NAME,BIRTH_DATE,PHONE,EMAIL,ADDRESS,ID_DOC_NO,DRIVER_LIC,CREATED_AT) values ('300149','⟦bin|230540791151⟧','ТОО "Steppe Rent Car"',null,'⟦phone|+7 (7172) 79-11-20⟧','⟦email|fleet@steppe-rent.kz⟧','г. Астана, ул. Кенесары, 40, н.п. 2',null,null,to_timestamp('13-MAR-24 09.02.00.000000000 PM','DD-MON-RR HH.MI.SSXFF AM'));
REM INSERTING into INS.POLICIES
SET DEFINE OFF;
Insert into INS.POLICIES (POLICY_NO,HOLDER_ID,PRODUCT,VEHICLE_PLATE,VIN,BONUS_MALUS,PREMIUM_KZT,DATE_FROM,DATE_TO,PAYMENT_REF) values ('24-OGPO-0412087','300145','OGPO','⟦vehicle_plate|771 KZA 01⟧','JTNB11HK0J3012345','M3','38412.5',to_date('12-MAR-24','DD-MON-RR'),to_date('11-MAR-25','DD-MON-RR'),'621647786364');
Insert into INS.POLICIES (POLICY_NO,HOLDER_ID,PRODUCT,VEHICLE_PLATE,VIN,BONUS_MALUS,PREMIUM_KZT,DATE_FROM,DATE_TO,PAYMENT_REF) values ('24-OGPO-0412088','300146','OGPO','⟦vehicle_plate|120ABK11⟧','XW8ZZZ61ZKG028841','M1','52190',to_date('12-MAR-24','DD-MON-RR'),to_date('11-MAR-25','DD-MON-RR'),'573379696836');
Insert into INS.POLICIES (POLICY_NO,HOLDER_ID,PRODUCT,VEHICLE_PLATE,VIN,BONUS_MALUS,PREMIUM_KZT,DATE_FROM,DATE_TO,PAYMENT_REF) values ('24-KASKO-0009117','300147','KASKO','⟦vehicle_plate|505 HAA 14⟧','Z94K241BBMR231407','3','412000',to_date('13-MAR-24','DD-MON-RR'),to_date('12-MAR-25','DD-MON-RR'),'317914420496');
Insert into INS.POLICIES (POLICY_NO,HOLDER_ID,PRODUCT,VEHICLE_PLATE,VIN,BONUS_MALUS,PREMIUM_KZT,DATE_FROM,DATE_TO,PAYMENT_REF) values ('24-OGPO-0412090','300148','OGPO','⟦vehicle_plate|018 BRT 02⟧','KMHD341CBKU811902','M','29877.33',to_date('14-MAR-24','DD-MON-RR'),to_date('13-SEP-24','DD-MON-RR'),'688966178577');
Insert into INS.POLICIES (POLICY_NO,HOLDER_ID,PRODUCT,VEHICLE_PLATE,VIN,BONUS_MALUS,PREMIUM_KZT,DATE_FROM,DATE_TO,PAYMENT_REF) values ('24-OGPO-0412091','300149','OGPO','⟦vehicle_plate|333 SRC 01⟧','LVVDB21B4PD401177','3','61500',to_date('14-MAR-24','DD-MON-RR'),to_date('13-MAR-25','DD-MON-RR'),null);
REM INSERTING into INS.CLAIMS
SET DEFINE OFF;
Insert into INS.CLAIMS (CLAIM_NO,POLICY_NO,REPORTED_AT,DESCRIPTION,PAYOUT_IBAN,PAYOUT_KZT) values ('CLM-2024-00318','24-OGPO-0412087',to_timestamp('14-MAR-24 08.12.40.000000000 AM','DD-MON-RR HH.MI.SSXFF AM'),'ДТП на перекрёстке пр. Туран / ул. Сыганак, координаты со слов водителя: ⟦geo|51.1137, 71.4091⟧. Второй участник ⟦person|Ибраев Асхат⟧, тел. ⟦phone|8 701 869 93 46⟧, гос. номер ⟦vehicle_plate|904 AXE 01⟧. Европротокол.','⟦iban|KZ16 601A 8804 0723 8625⟧','185000');
Insert into INS.CLAIMS (CLAIM_NO,POLICY_NO,REPORTED_AT,DESCRIPTION,PAYOUT_IBAN,PAYOUT_KZT) values ('CLM-2024-00319','24-KASKO-0009117',to_timestamp('14-MAR-24 10.40.05.000000000 AM','DD-MON-RR HH.MI.SSXFF AM'),'Повреждение стекла на парковке ТРЦ «Mega Silk Way». Осмотр в офисе урегулирования на пр. Мангилик Ел, 55/8 (51.0905, 71.4187). Клиент просит перезвонить после 18:00.','⟦iban|KZ509980561489707124⟧','0');
--------------------------------------------------------
--  DDL for Index POLICYHOLDERS_IIN_UK
--------------------------------------------------------

  CREATE UNIQUE INDEX "INS"."POLICYHOLDERS_IIN_UK" ON "INS"."POLICYHOLDERS" ("IIN") 
  PCTFREE 10 INITRANS 2 MAXTRANS 255 COMPUTE STATISTICS 
  TABLESPACE "INS_IDX" ;
--------------------------------------------------------
--  Constraints for Table POLICYHOLDERS
--------------------------------------------------------

  ALTER TABLE "INS"."POLICYHOLDERS" MODIFY ("IIN" NOT NULL ENABLE);
  ALTER TABLE "INS"."POLICYHOLDERS" ADD CONSTRAINT "POLICYHOLDERS_PK" PRIMARY KEY ("ID")
  USING INDEX PCTFREE 10 INITRANS 2 MAXTRANS 255 COMPUTE STATISTICS 
  TABLESPACE "INS_IDX"  ENABLE;
--------------------------------------------------------
--  Constraints for Table POLICIES
--------------------------------------------------------

  ALTER TABLE "INS"."POLICIES" ADD CONSTRAINT "POLICIES_PK" PRIMARY KEY ("POLICY_NO")
  USING INDEX PCTFREE 10 INITRANS 2 MAXTRANS 255 COMPUTE STATISTICS 
  TABLESPACE "INS_IDX"  ENABLE;
