USE [CrmDb]
GO
/****** Object:  Table [dbo].[Clients]    Script Date: 12.03.2024 10:15:42 ******/
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
CREATE TABLE [dbo].[Clients](
	[Id] [int] IDENTITY(1,1) NOT NULL,
	[Iin] [char](12) NOT NULL,
	[LastName] [nvarchar](100) NOT NULL,
	[FirstName] [nvarchar](100) NOT NULL,
	[MiddleName] [nvarchar](100) NULL,
	[BirthDate] [date] NULL,
	[Phone] [nvarchar](32) NULL,
	[Email] [nvarchar](256) NULL,
	[RegAddress] [nvarchar](400) NULL,
	[PostIndex] [nvarchar](10) NULL,
	[IdCardNo] [nvarchar](20) NULL,
	[Iban] [char](20) NULL,
	[Balance] [decimal](18, 2) NOT NULL,
	[CreatedAt] [datetime] NOT NULL,
	[RowGuid] [uniqueidentifier] ROWGUIDCOL NOT NULL,
 CONSTRAINT [PK_Clients] PRIMARY KEY CLUSTERED 
(
	[Id] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON, OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF) ON [PRIMARY]
) ON [PRIMARY]
GO
/****** Object:  Table [dbo].[ClientDevices]    Script Date: 12.03.2024 10:15:42 ******/
CREATE TABLE [dbo].[ClientDevices](
	[DeviceId] [bigint] NOT NULL,
	[ClientId] [int] NOT NULL,
	[Imei] [varchar](16) NULL,
	[WifiMac] [varchar](17) NULL,
	[LastIp] [varchar](45) NULL,
	[AppVersion] [varchar](20) NULL,
	[SeenAt] [datetime2](3) NOT NULL
) ON [PRIMARY]
GO
SET IDENTITY_INSERT [dbo].[Clients] ON 
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (1, N'⟦iin|930502381386⟧', N'⟦person|Дюсенбаев⟧', N'⟦person|Тимур⟧', N'⟦person|Асылбекович⟧', CAST(N'⟦date_of_birth|1993-05-02⟧' AS Date), N'⟦phone|87759677466⟧', N'⟦email|dyussenbayev_80@yandex.kz⟧', N'г. Атырау, ⟦address|ул. Абая, д. 123Б, кв. 102⟧', N'⟦postcode|060000⟧', N'⟦id_card|038426507⟧', NULL, CAST(31482.08 AS Decimal(18, 2)), CAST(N'2023-02-19T11:20:16.992' AS DateTime), N'A378482E-1A7C-4C7B-805B-FC7EB48A88D2')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (2, N'⟦iin|011005562748⟧', N'⟦person|Тулегенов⟧', N'⟦person|Бауыржан⟧', N'⟦person|Асылбекұлы⟧', CAST(N'⟦date_of_birth|2001-10-05⟧' AS Date), N'⟦phone|+7 (708) 631-18-46⟧', N'⟦email|b.tulegenov@inbox.kz⟧', N'г. Костанай, ⟦address|ул. Гоголя 23-41⟧', N'⟦postcode|P00T4K3⟧', N'⟦id_card|057057386⟧', NULL, CAST(41555.14 AS Decimal(18, 2)), CAST(N'2021-06-29T10:47:20.777' AS DateTime), N'21D9A68B-6B08-4E34-8282-EFADDE9F677E')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (3, N'⟦iin|830811496924⟧', N'⟦person|Есенова⟧', N'⟦person|Дана⟧', N'⟦person|Болатовна⟧', CAST(N'⟦date_of_birth|1983-08-11⟧' AS Date), N'⟦phone|8-778-7882521⟧', N'⟦email|d.yessenova@mail.ru⟧', N'г. Павлодар, ⟦address|мкр. Жетысу-3, д. 172, кв. 81⟧', N'⟦postcode|140000⟧', N'⟦id_card|056278407⟧', N'⟦iban|KZ647223278015225875⟧', CAST(5918.60 AS Decimal(18, 2)), CAST(N'2021-05-22T12:52:26.952' AS DateTime), N'E72B101D-FF69-43DE-BDE0-A51A6638D8B1')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (4, N'⟦iin|600914342179⟧', N'⟦person|Иванов⟧', N'⟦person|Данияр⟧', N'⟦person|Сергеевич⟧', CAST(N'⟦date_of_birth|1960-09-14⟧' AS Date), N'⟦phone|+77065527266⟧', N'⟦email|d.ivanov@inbox.kz⟧', N'⟦address|Абай даңғылы, 163-үй, 105-пәтер⟧', N'⟦postcode|E02M7R9⟧', N'⟦id_card|058459333⟧', NULL, CAST(42512.05 AS Decimal(18, 2)), CAST(N'2021-11-22T05:52:20.886' AS DateTime), N'11AAF20A-9F3D-4284-8EB1-D647ACCDBDF6')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (5, N'⟦iin|750416398375⟧', N'⟦person|Касымов⟧', N'⟦person|Данияр⟧', N'⟦person|Нурланович⟧', CAST(N'⟦date_of_birth|1975-04-16⟧' AS Date), N'⟦phone|87022243480⟧', NULL, N'г. Караганда, ⟦address|ул. Жандосова, д. 108, кв. 153⟧', N'⟦postcode|100000⟧', N'⟦id_card|045680936⟧', NULL, CAST(24713.72 AS Decimal(18, 2)), CAST(N'2023-07-17T15:41:40.677' AS DateTime), N'ABFF45CB-8AB7-4186-A9EB-CFA16E435FFF')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (6, N'⟦iin|850402483813⟧', N'⟦person|Иванова⟧', N'⟦person|Мадина⟧', NULL, CAST(N'⟦date_of_birth|1985-04-02⟧' AS Date), N'⟦phone|+7 (705) 791-16-59⟧', N'⟦email|m.ivanova@gmail.com⟧', N'г. Алматы, ⟦address|ул. Байтурсынова, д. 19, кв. 38⟧', N'⟦postcode|A05A9C4⟧', N'⟦id_card|025676767⟧', N'⟦iban|KZ857225341685445628⟧', CAST(10968.42 AS Decimal(18, 2)), CAST(N'2020-06-04T12:14:17.792' AS DateTime), N'754C1687-0589-45AD-B064-8106B6A5B41D')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (7, N'⟦iin|740402399731⟧', N'⟦person|Жумабаев⟧', N'⟦person|Марат⟧', N'⟦person|Нурланович⟧', CAST(N'⟦date_of_birth|1974-04-02⟧' AS Date), N'⟦phone|8-708-3994508⟧', N'⟦email|m.zhumabayev@inbox.kz⟧', N'г. Шымкент, ⟦address|Тәуелсіздік даңғылы, 81-үй, 137-пәтер⟧', N'⟦postcode|160000⟧', N'⟦id_card|018287319⟧', NULL, CAST(84133.58 AS Decimal(18, 2)), CAST(N'2020-08-26T04:44:19.154' AS DateTime), N'9AB805BD-FDF6-49FD-B137-C88BE9DEC4E2')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (8, N'⟦iin|870905329880⟧', N'⟦person|Мухамеджанов⟧', N'⟦person|Ерлан⟧', N'⟦person|Талгатұлы⟧', CAST(N'⟦date_of_birth|1987-09-05⟧' AS Date), N'⟦phone|+77776034183⟧', N'⟦email|mukhamedzhanov_45@yandex.kz⟧', N'⟦address|ул. Абая, д. 67А, кв. 47⟧', N'⟦postcode|E02B3D7⟧', N'⟦id_card|035869610⟧', NULL, CAST(23554.83 AS Decimal(18, 2)), CAST(N'2020-11-15T03:39:15.466' AS DateTime), N'CE763D76-246F-49D1-B548-564D13E8BD52')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (9, N'⟦iin|011020540828⟧', N'⟦person|Тулегенов⟧', N'⟦person|Марат⟧', N'⟦person|Болатович⟧', CAST(N'⟦date_of_birth|2001-10-20⟧' AS Date), N'⟦phone|87607980480⟧', N'⟦email|marat.tulegenov01@mail.kz⟧', N'г. Павлодар, ⟦address|ул. Сатпаева, д. 17, кв. 67⟧', N'⟦postcode|140000⟧', N'⟦id_card|030890561⟧', N'⟦iban|KZ248566733152418278⟧', CAST(85526.05 AS Decimal(18, 2)), CAST(N'2023-05-26T01:04:38.939' AS DateTime), N'B89BBAC1-D790-4A5E-A3B5-7F6B097D2A1B')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (10, N'⟦iin|650821305297⟧', N'⟦person|Кузнецов⟧', N'⟦person|Арман⟧', N'⟦person|Сергеевич⟧', CAST(N'⟦date_of_birth|1965-08-21⟧' AS Date), N'⟦phone|+7 (777) 656-28-37⟧', NULL, N'г. Усть-Каменогорск, ⟦address|б-р Бухар жырау 74/2-70⟧', N'⟦postcode|F00D8K6⟧', N'⟦id_card|059279494⟧', NULL, CAST(8391.51 AS Decimal(18, 2)), CAST(N'2023-04-18T21:26:11.162' AS DateTime), N'E4DBDB44-96C3-46D8-925A-6631ED3FCEAB')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (11, N'⟦iin|790110316829⟧', N'⟦person|Петренко⟧', N'⟦person|Нурсултан⟧', N'⟦person|Николаевич⟧', CAST(N'⟦date_of_birth|1979-01-10⟧' AS Date), N'⟦phone|8-701-7979113⟧', N'⟦email|nursultan.petrenko79@mail.kz⟧', N'г. Караганда, ⟦address|пр. Абая, д. 236, кв. 174⟧', N'⟦postcode|100000⟧', N'⟦id_card|042847235⟧', NULL, CAST(81874.97 AS Decimal(18, 2)), CAST(N'2023-07-20T09:35:04.199' AS DateTime), N'3FE5DC2B-14A9-46EB-A52C-63D5B23A4600')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (12, N'⟦iin|640104429022⟧', N'⟦person|Оспанова⟧', N'⟦person|Асель⟧', NULL, CAST(N'⟦date_of_birth|1964-01-04⟧' AS Date), N'⟦phone|+77475597258⟧', N'⟦email|a.ospanova@mail.ru⟧', N'⟦address|ул. Толе би, д. 209, кв. 89⟧', N'⟦postcode|D00B7E1⟧', N'⟦id_card|056809851⟧', N'⟦iban|KZ209652313843925959⟧', CAST(53575.50 AS Decimal(18, 2)), CAST(N'2022-04-09T07:12:58.952' AS DateTime), N'42064544-3F85-4A56-A070-78EFF255F773')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (13, N'⟦iin|920314356534⟧', N'⟦person|Петренко⟧', N'⟦person|Ерлан⟧', N'⟦person|Викторович⟧', CAST(N'⟦date_of_birth|1992-03-14⟧' AS Date), N'⟦phone|87858086226⟧', N'⟦email|erlan.petrenko92@mail.kz⟧', N'г. Алматы, ⟦address|Жетісу-3 шағын ауданы, 69-үй, 58-пәтер⟧', N'⟦postcode|050000⟧', N'⟦id_card|013686312⟧', NULL, CAST(22568.47 AS Decimal(18, 2)), CAST(N'2019-07-01T22:21:14.630' AS DateTime), N'FF809B17-BB82-4F4B-8ECF-399A21EB059A')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (14, N'⟦iin|851220352028⟧', N'⟦person|Оспанов⟧', N'⟦person|Арман⟧', N'⟦person|Болатович⟧', CAST(N'⟦date_of_birth|1985-12-20⟧' AS Date), N'⟦phone|+7 (747) 665-92-30⟧', N'⟦email|a.ospanov@mail.ru⟧', N'г. Павлодар, ⟦address|мкр. Самал-2, 157А-99⟧', N'⟦postcode|S03R8T1⟧', N'⟦id_card|021704109⟧', NULL, CAST(33312.64 AS Decimal(18, 2)), CAST(N'2022-11-15T23:24:36.866' AS DateTime), N'CFEDF489-077F-4EC5-96CF-2D8C2BD1C135')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (15, N'⟦iin|040529622003⟧', N'⟦person|Абдрахманова⟧', N'⟦person|Камила⟧', N'⟦person|Асылбековна⟧', CAST(N'⟦date_of_birth|2004-05-29⟧' AS Date), N'⟦phone|8-760-7467566⟧', NULL, N'г. Актобе, ⟦address|ул. Байтурсынова, д. 236, кв. 23⟧', N'⟦postcode|030000⟧', N'⟦id_card|058865217⟧', N'⟦iban|KZ866016742699206092⟧', CAST(9554.34 AS Decimal(18, 2)), CAST(N'2023-12-03T22:12:02.801' AS DateTime), N'725BF72C-F507-4654-AB72-E3A44ABB9718')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (16, N'⟦iin|920227301450⟧', N'⟦person|Ким⟧', N'⟦person|Азамат⟧', N'⟦person|Александрович⟧', CAST(N'⟦date_of_birth|1992-02-27⟧' AS Date), N'⟦phone|+77767867471⟧', N'⟦email|a.kim@inbox.kz⟧', N'⟦address|Тәуелсіздік даңғылы, 92-үй, 57-пәтер⟧', N'⟦postcode|P00R5A6⟧', N'⟦id_card|026983237⟧', NULL, CAST(26774.72 AS Decimal(18, 2)), CAST(N'2022-09-25T09:05:24.543' AS DateTime), N'6EA9EA2B-F9EF-4FDF-8A06-A4E5080D7E10')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (17, N'⟦iin|790813384876⟧', N'⟦person|Жумабаев⟧', N'⟦person|Алексей⟧', N'⟦person|Нурланович⟧', CAST(N'⟦date_of_birth|1979-08-13⟧' AS Date), N'⟦phone|87064764880⟧', N'⟦email|aleksei.zhumabayev79@mail.kz⟧', N'г. Атырау, ⟦address|Абай даңғылы, 3-үй, 98-пәтер⟧', N'⟦postcode|060000⟧', N'⟦id_card|047063121⟧', NULL, CAST(76922.46 AS Decimal(18, 2)), CAST(N'2023-04-22T14:25:55.828' AS DateTime), N'66D871F8-8FD2-40CE-9245-7B9E4450CDFF')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (18, N'⟦iin|791012336606⟧', N'⟦person|Абдрахманов⟧', N'⟦person|Асхат⟧', NULL, CAST(N'⟦date_of_birth|1979-10-12⟧' AS Date), N'⟦phone|+7 (747) 983-99-62⟧', N'⟦email|a.abdrakhmanov@inbox.kz⟧', N'г. Усть-Каменогорск, ⟦address|мкр. Аксай-4, 207-171⟧', N'⟦postcode|F00M9A5⟧', N'⟦id_card|058162001⟧', N'⟦iban|KZ536011727486811396⟧', CAST(19312.63 AS Decimal(18, 2)), CAST(N'2022-11-02T03:12:10.313' AS DateTime), N'375026A0-A071-475B-9617-246AA393DFBD')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (19, N'⟦iin|761222334091⟧', N'⟦person|Смагулов⟧', N'⟦person|Данияр⟧', N'⟦person|Маратович⟧', CAST(N'⟦date_of_birth|1976-12-22⟧' AS Date), N'⟦phone|8-706-5501068⟧', N'⟦email|daniyars@bk.ru⟧', N'г. Костанай, ⟦address|мкр. Самал-2, д. 75/2, кв. 82⟧', N'⟦postcode|110000⟧', N'⟦id_card|029695793⟧', NULL, CAST(7867.61 AS Decimal(18, 2)), CAST(N'2023-01-28T01:51:01.351' AS DateTime), N'1B6304C5-7119-4FF8-B2D3-ED1DB2C70352')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (20, N'⟦iin|700131324700⟧', N'⟦person|Кузнецов⟧', N'⟦person|Данияр⟧', N'⟦person|Александрович⟧', CAST(N'⟦date_of_birth|1970-01-31⟧' AS Date), N'⟦phone|+77774190203⟧', NULL, N'⟦address|ул. Абая 157-27⟧', N'⟦postcode|X12C9R1⟧', N'⟦id_card|011885327⟧', NULL, CAST(40919.64 AS Decimal(18, 2)), CAST(N'2023-03-02T00:10:03.667' AS DateTime), N'D567EDA2-572A-47CE-A5CF-9C93156105EB')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (21, N'⟦iin|840405312951⟧', N'⟦person|Сапаров⟧', N'⟦person|Асхат⟧', N'⟦person|Асылбекович⟧', CAST(N'⟦date_of_birth|1984-04-05⟧' AS Date), N'⟦phone|87715456802⟧', N'⟦email|askhats@bk.ru⟧', N'г. Астана, ⟦address|Абай даңғылы, 157-үй, 19-пәтер⟧', N'⟦postcode|010000⟧', N'⟦id_card|045780643⟧', N'⟦iban|KZ717226502765430242⟧', CAST(71204.59 AS Decimal(18, 2)), CAST(N'2020-01-02T11:39:20.080' AS DateTime), N'053B3C33-0040-4AE0-85E5-A88FA0DC857F')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (22, N'⟦iin|640308445458⟧', N'⟦person|Касымова⟧', N'⟦person|Мадина⟧', N'⟦person|Ержанқызы⟧', CAST(N'⟦date_of_birth|1964-03-08⟧' AS Date), N'⟦phone|+7 (778) 505-15-19⟧', N'⟦email|m.kassymova@mail.ru⟧', N'г. Павлодар, ⟦address|пр-т Туран 101А-54⟧', N'⟦postcode|S03T6P4⟧', N'⟦id_card|043433143⟧', NULL, CAST(46657.58 AS Decimal(18, 2)), CAST(N'2021-02-14T03:18:41.720' AS DateTime), N'CEF0CDC7-374E-4E9E-BDAE-F27FE91192E8')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (23, N'⟦iin|991120477133⟧', N'⟦person|Петренко⟧', N'⟦person|Елена⟧', N'⟦person|Сергеевна⟧', CAST(N'⟦date_of_birth|1999-11-20⟧' AS Date), N'⟦phone|8-785-5343388⟧', N'⟦email|elena.petrenko99@mail.kz⟧', N'г. Атырау, ⟦address|Жетісу-3 шағын ауданы, 130-үй, 150-пәтер⟧', N'⟦postcode|060000⟧', N'⟦id_card|026777596⟧', NULL, CAST(37938.33 AS Decimal(18, 2)), CAST(N'2019-07-10T05:54:00.711' AS DateTime), N'ADEC900C-4B27-4160-8174-C824850322DB')
GO
INSERT [dbo].[Clients] ([Id], [Iin], [LastName], [FirstName], [MiddleName], [BirthDate], [Phone], [Email], [RegAddress], [PostIndex], [IdCardNo], [Iban], [Balance], [CreatedAt], [RowGuid]) VALUES (24, N'⟦iin|910906354689⟧', N'⟦person|Петренко⟧', N'⟦person|Азамат⟧', NULL, CAST(N'⟦date_of_birth|1991-09-06⟧' AS Date), N'⟦phone|+77785527479⟧', N'⟦email|a.petrenko@inbox.kz⟧', N'⟦address|пр. Абая, д. 236, кв. 110⟧', N'⟦postcode|D00A7T3⟧', N'⟦id_card|011329651⟧', N'⟦iban|KZ898564490334208417⟧', CAST(76997.13 AS Decimal(18, 2)), CAST(N'2023-02-21T20:08:15.082' AS DateTime), N'7E6674CD-ECAE-4F15-99D7-9A7470D14C09')
GO
SET IDENTITY_INSERT [dbo].[Clients] OFF
GO
INSERT [dbo].[ClientDevices] ([DeviceId], [ClientId], [Imei], [WifiMac], [LastIp], [AppVersion], [SeenAt]) VALUES (7340771604, 1, '⟦imei|352099300882186⟧', '⟦mac|f0:18:98:f6:3d:be⟧', '⟦ipv4|192.168.2.6⟧', '5.18.1', CAST(N'2024-03-12T09:59:41.142' AS DateTime2))
GO
INSERT [dbo].[ClientDevices] ([DeviceId], [ClientId], [Imei], [WifiMac], [LastIp], [AppVersion], [SeenAt]) VALUES (7340619315, 3, NULL, '⟦mac|A4-C3-F0-0D-68-07⟧', '⟦ipv4|95.56.130.214⟧', '5.18.2', CAST(N'2024-03-12T04:42:49.681' AS DateTime2))
GO
INSERT [dbo].[ClientDevices] ([DeviceId], [ClientId], [Imei], [WifiMac], [LastIp], [AppVersion], [SeenAt]) VALUES (7340679105, 5, '⟦imei|352099302081894⟧', '⟦mac|5c:f9:38:1a:9b:8a⟧', '⟦ipv4|178.89.96.222⟧', '5.18.2', CAST(N'2024-03-12T06:54:29.644' AS DateTime2))
GO
INSERT [dbo].[ClientDevices] ([DeviceId], [ClientId], [Imei], [WifiMac], [LastIp], [AppVersion], [SeenAt]) VALUES (7340219444, 7, '⟦imei|353325104341247⟧', '⟦mac|3C-22-FB-D1-4C-57⟧', '⟦ipv6|fe80::1c2b:3aff:fe4d:9e01⟧', '5.18.1', CAST(N'2024-03-12T09:54:54.336' AS DateTime2))
GO
INSERT [dbo].[ClientDevices] ([DeviceId], [ClientId], [Imei], [WifiMac], [LastIp], [AppVersion], [SeenAt]) VALUES (7341010798, 9, '⟦imei|353325105054963⟧', '⟦mac|a4:c3:f0:5a:94:22⟧', '⟦ipv4|92.46.157.154⟧', '5.18.2', CAST(N'2024-03-12T06:34:34.503' AS DateTime2))
GO
INSERT [dbo].[ClientDevices] ([DeviceId], [ClientId], [Imei], [WifiMac], [LastIp], [AppVersion], [SeenAt]) VALUES (7340223881, 11, NULL, '⟦mac|DC-A6-32-A2-79-2C⟧', '⟦ipv4|147.30.149.152⟧', '5.9.0.1204', CAST(N'2024-03-12T04:51:18.626' AS DateTime2))
GO
INSERT [dbo].[ClientDevices] ([DeviceId], [ClientId], [Imei], [WifiMac], [LastIp], [AppVersion], [SeenAt]) VALUES (7340562554, 13, '⟦imei|353325101745309⟧', '⟦mac|8c:85:90:71:0d:f8⟧', '⟦ipv4|192.168.0.131⟧', '5.18.2', CAST(N'2024-03-12T06:37:40.656' AS DateTime2))
GO
INSERT [dbo].[ClientDevices] ([DeviceId], [ClientId], [Imei], [WifiMac], [LastIp], [AppVersion], [SeenAt]) VALUES (7340174845, 15, '⟦imei|867583045147789⟧', '⟦mac|3C-22-FB-D1-98-54⟧', '⟦ipv4|5.76.54.23⟧', '5.9.0.1204', CAST(N'2024-03-12T03:16:44.687' AS DateTime2))
GO
INSERT [dbo].[ClientDevices] ([DeviceId], [ClientId], [Imei], [WifiMac], [LastIp], [AppVersion], [SeenAt]) VALUES (7340466576, 17, '⟦imei|352099306489945⟧', '⟦mac|5c:f9:38:e3:fc:9a⟧', '⟦ipv4|178.89.204.240⟧', '5.18.2', CAST(N'2024-03-12T09:44:20.812' AS DateTime2))
GO
INSERT [dbo].[ClientDevices] ([DeviceId], [ClientId], [Imei], [WifiMac], [LastIp], [AppVersion], [SeenAt]) VALUES (7340474555, 19, NULL, '⟦mac|8C-85-90-20-D2-63⟧', '⟦ipv4|192.168.3.43⟧', '5.18.1', CAST(N'2024-03-12T08:58:47.308' AS DateTime2))
GO
ALTER TABLE [dbo].[Clients] ADD  CONSTRAINT [DF_Clients_RowGuid]  DEFAULT (newsequentialid()) FOR [RowGuid]
GO
ALTER TABLE [dbo].[ClientDevices]  WITH CHECK ADD  CONSTRAINT [FK_ClientDevices_Clients] FOREIGN KEY([ClientId])
REFERENCES [dbo].[Clients] ([Id])
GO
