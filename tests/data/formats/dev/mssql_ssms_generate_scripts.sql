USE [LoyaltyKZ]
GO
/****** Object:  Table [dbo].[Customers]    Script Date: 14.05.2024 11:42:07 ******/
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
CREATE TABLE [dbo].[Customers](
	[CustomerId] [int] IDENTITY(1,1) NOT NULL,
	[CardNo] [nvarchar](19) NULL,
	[Iin] [nchar](12) NULL,
	[FullName] [nvarchar](200) NOT NULL,
	[BirthDate] [date] NULL,
	[Phone] [nvarchar](32) NULL,
	[Email] [nvarchar](128) NULL,
	[Address] [nvarchar](400) NULL,
	[PostCode] [nvarchar](8) NULL,
	[Bonus] [decimal](18, 2) NOT NULL,
	[RowGuid] [uniqueidentifier] ROWGUIDCOL NOT NULL,
	[CreatedAt] [datetime] NOT NULL,
 CONSTRAINT [PK_Customers] PRIMARY KEY CLUSTERED 
(
	[CustomerId] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON, OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF) ON [PRIMARY]
) ON [PRIMARY]
GO
/****** Object:  Table [dbo].[Stores]    Script Date: 14.05.2024 11:42:07 ******/
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
CREATE TABLE [dbo].[Stores](
	[StoreId] [smallint] NOT NULL,
	[Bin] [nchar](12) NOT NULL,
	[Name] [nvarchar](200) NOT NULL,
	[Iban] [nvarchar](34) NULL,
	[Bic] [nvarchar](11) NULL,
 CONSTRAINT [PK_Stores] PRIMARY KEY CLUSTERED 
(
	[StoreId] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON, OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF) ON [PRIMARY]
) ON [PRIMARY]
GO
SET IDENTITY_INSERT [dbo].[Customers] ON 
GO
INSERT [dbo].[Customers] ([CustomerId], [CardNo], [Iin], [FullName], [BirthDate], [Phone], [Email], [Address], [PostCode], [Bonus], [RowGuid], [CreatedAt]) VALUES (1, N'⟦card|4400 4338 3364 2508⟧', N'⟦iin|000512541411⟧', N'⟦person|Жаксылыков Алишер Бауыржанович⟧', CAST(N'⟦date_of_birth|2000-05-12⟧' AS Date), N'⟦phone|+7 (701) 344-12-09⟧', N'⟦email|alisher.zh@mail.ru⟧', N'г. Алматы, ⟦address|мкр. Самал-2, д. 58, кв. 17⟧', N'⟦postcode|A05T3E2⟧', CAST(12500.00 AS Decimal(18, 2)), N'6f1c2d3e-4a5b-4c6d-9e8f-0a1b2c3d4e5f', CAST(N'2023-02-17T14:22:31.000' AS DateTime))
GO
INSERT [dbo].[Customers] ([CustomerId], [CardNo], [Iin], [FullName], [BirthDate], [Phone], [Email], [Address], [PostCode], [Bonus], [RowGuid], [CreatedAt]) VALUES (2, NULL, N'⟦iin|020228653408⟧', N'⟦person|Нурланқызы Аружан⟧', CAST(N'⟦date_of_birth|2002-02-28⟧' AS Date), N'⟦phone|8 747 905 22 18⟧', NULL, N'Астана қ., ⟦address|Қабанбай батыр даңғылы, 46-үй, 112-пәтер⟧', N'⟦postcode|Z05H9K4⟧', CAST(0.00 AS Decimal(18, 2)), N'0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a', CAST(N'2023-03-02T09:05:00.000' AS DateTime))
GO
INSERT [dbo].[Customers] ([CustomerId], [CardNo], [Iin], [FullName], [BirthDate], [Phone], [Email], [Address], [PostCode], [Bonus], [RowGuid], [CreatedAt]) VALUES (3, N'⟦card|5106216392547562⟧', N'⟦iin|860101331651⟧', N'⟦person|Утегенов Максат Ерболович⟧', CAST(N'⟦date_of_birth|1986-01-01⟧' AS Date), N'⟦phone|+77753310274⟧', N'⟦email|m.utegenov@corp.example.kz⟧', N'г. Шымкент, ⟦address|ул. Байтурсынова, д. 12, кв. 4⟧', N'⟦postcode|160012⟧', CAST(3340.50 AS Decimal(18, 2)), N'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', CAST(N'2023-04-11T18:40:12.000' AS DateTime))
GO
INSERT [dbo].[Customers] ([CustomerId], [CardNo], [Iin], [FullName], [BirthDate], [Phone], [Email], [Address], [PostCode], [Bonus], [RowGuid], [CreatedAt]) VALUES (4, N'4400000000000000', N'000000000000', N'Гость', NULL, NULL, NULL, NULL, NULL, CAST(0.00 AS Decimal(18, 2)), N'00000000-0000-0000-0000-000000000000', CAST(N'2023-04-12T00:00:00.000' AS DateTime))
GO
INSERT [dbo].[Customers] ([CustomerId], [CardNo], [Iin], [FullName], [BirthDate], [Phone], [Email], [Address], [PostCode], [Bonus], [RowGuid], [CreatedAt]) VALUES (5, N'⟦card|2202 2006 9240 2793⟧', N'⟦iin|910611418863⟧', N'⟦person|Есенова Айгуль Ринатовна⟧', CAST(N'⟦date_of_birth|1991-06-11⟧' AS Date), N'⟦phone|+7 727 321 45 90⟧', N'⟦email|aigul.yessenova@gmail.com⟧', N'г. Алматы, ⟦address|пр. Абая, д. 150/230, кв. 41⟧', N'⟦postcode|050046⟧', CAST(780.00 AS Decimal(18, 2)), N'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f', CAST(N'2023-06-30T11:11:11.000' AS DateTime))
GO
INSERT [dbo].[Customers] ([CustomerId], [CardNo], [Iin], [FullName], [BirthDate], [Phone], [Email], [Address], [PostCode], [Bonus], [RowGuid], [CreatedAt]) VALUES (6, NULL, N'⟦iin|790803347906⟧', N'⟦person|Шевченко Игорь Петрович⟧', CAST(N'⟦date_of_birth|1979-08-03⟧' AS Date), N'⟦phone|+7 913 402-18-77⟧', NULL, N'г. Усть-Каменогорск, ⟦address|ул. Казахстан, д. 91, кв. 8⟧', N'⟦postcode|070004⟧', CAST(15.75 AS Decimal(18, 2)), N'd5e6f7a8-b9c0-4d1e-9f2a-3b4c5d6e7f80', CAST(N'2023-09-01T08:00:45.000' AS DateTime))
GO
INSERT [dbo].[Customers] ([CustomerId], [CardNo], [Iin], [FullName], [BirthDate], [Phone], [Email], [Address], [PostCode], [Bonus], [RowGuid], [CreatedAt]) VALUES (7, N'⟦card|6259077663032095⟧', N'⟦iin|680424478038⟧', N'⟦person|Джаксыбекова Роза Амангельдиновна⟧', CAST(N'⟦date_of_birth|1968-04-24⟧' AS Date), N'⟦phone|8 (7172) 57-40-12⟧', N'⟦email|roza.dzhaksybekova@yandex.kz⟧', N'г. Астана, ⟦address|ул. Сыганак, д. 25, кв. 301⟧', N'⟦postcode|010000⟧', CAST(102400.00 AS Decimal(18, 2)), N'e6f7a8b9-c0d1-4e2f-8a3b-4c5d6e7f8091', CAST(N'2024-01-15T16:27:03.000' AS DateTime))
GO
SET IDENTITY_INSERT [dbo].[Customers] OFF
GO
INSERT [dbo].[Stores] ([StoreId], [Bin], [Name], [Iban], [Bic]) VALUES (101, N'⟦bin|040340343057⟧', N'ТОО "Ақ Жол Маркет"', N'⟦iban|KZ086018366946723440⟧', N'HSBKKZKX')
GO
INSERT [dbo].[Stores] ([StoreId], [Bin], [Name], [Iban], [Bic]) VALUES (102, N'⟦bin|100240281026⟧', N'ТОО "Dala Retail Group"', N'⟦iban|KZ65722748KZT8752316⟧', N'CASPKZKA')
GO
INSERT [dbo].[Stores] ([StoreId], [Bin], [Name], [Iban], [Bic]) VALUES (103, N'⟦bin|081141839775⟧', N'Филиал ТОО "Технодом Плюс" в г. Шымкент', N'⟦iban|KZ848567425695835103⟧', N'KCJBKZKX')
GO
INSERT [dbo].[Stores] ([StoreId], [Bin], [Name], [Iban], [Bic]) VALUES (104, N'557937082615', N'ИП Тест (удалён)', NULL, NULL)
GO
ALTER TABLE [dbo].[Customers] ADD  CONSTRAINT [DF_Customers_RowGuid]  DEFAULT (newsequentialid()) FOR [RowGuid]
GO
ALTER TABLE [dbo].[Customers] ADD  CONSTRAINT [DF_Customers_CreatedAt]  DEFAULT (getdate()) FOR [CreatedAt]
GO
ALTER TABLE [dbo].[Customers] ADD  CONSTRAINT [DF_Customers_Bonus]  DEFAULT ((0)) FOR [Bonus]
GO
