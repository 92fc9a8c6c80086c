-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: ⟦ipv4|10.20.0.15⟧    Database: shop_kz
-- ------------------------------------------------------
-- Server version	8.0.36-0ubuntu0.22.04.1

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Table structure for table `customers`
--

DROP TABLE IF EXISTS `customers`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `customers` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `iin` char(12) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `full_name` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `birth_date` date DEFAULT NULL,
  `phone` varchar(32) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `email` varchar(191) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `address` varchar(500) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `city` varchar(100) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `postcode` varchar(10) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `loyalty_no` varchar(20) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `note` text COLLATE utf8mb4_unicode_ci,
  `created_at` timestamp NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_customers_iin` (`iin`),
  KEY `idx_customers_phone` (`phone`)
) ENGINE=InnoDB AUTO_INCREMENT=10447 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `customers`
--

LOCK TABLES `customers` WRITE;
/*!40000 ALTER TABLE `customers` DISABLE KEYS */;
INSERT INTO `customers` VALUES (10441,'⟦iin|870804410718⟧','⟦person|Касымова Айгерим Нурлановна⟧','⟦date_of_birth|1987-08-04⟧','⟦phone|+77015283341⟧','⟦email|aigerim.kasymova@mail.kz⟧','⟦address|ул. Жандосова, д. 58, кв. 114⟧','Алматы','⟦postcode|050057⟧','9969672575719907','Просила не звонить до 10:00\nзапасной: ⟦phone|8 707 412 90 18⟧','2023-11-02 08:14:55'),(10442,'⟦iin|000309566759⟧','⟦person|Тулегенов Бауыржан Ерланович⟧','⟦date_of_birth|2000-03-09⟧','⟦phone|8 (747) 300-12-75⟧','⟦email|b.tulegenov2000@gmail.com⟧','⟦address|мкр. Аксай-4, д. 21, кв. 7⟧','Алматы','⟦postcode|050063⟧','9645333147893280','Клиент сказал: \"доставка только в выходные\"','2023-11-02 09:40:12'),(10443,'⟦iin|650428470613⟧','⟦person|O\'Connor-Seitkali Gulnara⟧','⟦date_of_birth|1965-04-28⟧','⟦phone|+7 (7172) 57-33-19⟧','⟦email|gulnara.oconnor@outlook.com⟧','⟦address|Қабанбай батыр даңғылы, 11-үй, 45-пәтер⟧','Астана','⟦postcode|Z05H9E8⟧',NULL,'Фамилия с апострофом, в 1С хранится как ⟦person|O\'Connor⟧','2023-11-03 12:01:44'),(10444,'⟦iin|500611494239⟧','⟦person|Омарова Динара Сериковна⟧','⟦date_of_birth|1950-06-11⟧','⟦phone|87052196604⟧','⟦email|d_omarova@yandex.kz⟧','⟦address|пр. Республики, д. 7/2, кв. 33⟧','Шымкент','⟦postcode|160012⟧','8343392571289578','Пенсионер, скидка 5%\\n (не перевод строки, а литерал)','2023-11-04 16:22:09');
INSERT INTO `customers` VALUES (10445,'⟦iin|560401344790⟧','⟦person|Кузнецов Дмитрий Павлович⟧','⟦date_of_birth|1956-04-01⟧','⟦phone|+7 701 944 0317⟧','⟦email|kuznetsov.dp@kazakhtelecom-mail.kz⟧','⟦address|ул. Ерубаева, д. 44, кв. 2⟧','Караганда','⟦postcode|100008⟧',NULL,'Звонил сын, ⟦person|Кузнецов Артём⟧, тел.\n⟦phone|+7 916 204-55-81⟧ (Москва)','2023-11-05 07:03:30'),(10446,'⟦iin|531010387092⟧','⟦person|Жумабаев Нуржан⟧','⟦date_of_birth|1953-10-10⟧',NULL,'⟦email|nurzhan.zh@inbox.ru⟧','⟦address|Абай көшесі, 102-үй⟧','Тараз','⟦postcode|080000⟧','9300294676452383','','2023-11-05 11:59:01');
/*!40000 ALTER TABLE `customers` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `payments`
--

DROP TABLE IF EXISTS `payments`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `payments` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `order_no` varchar(32) NOT NULL,
  `customer_id` int unsigned NOT NULL,
  `amount` decimal(12,2) NOT NULL,
  `currency` char(3) NOT NULL DEFAULT 'KZT',
  `pan` varchar(25) DEFAULT NULL,
  `pan_masked` varchar(25) DEFAULT NULL,
  `payer_iban` varchar(34) DEFAULT NULL,
  `merchant_bin` char(12) DEFAULT NULL,
  `client_ip` varchar(45) DEFAULT NULL,
  `rrn` char(12) DEFAULT NULL,
  `auth_code` char(6) DEFAULT NULL,
  `request_id` char(36) DEFAULT NULL,
  `paid_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `fk_payments_customer` (`customer_id`),
  CONSTRAINT `fk_payments_customer` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=88216 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `payments`
--

LOCK TABLES `payments` WRITE;
/*!40000 ALTER TABLE `payments` DISABLE KEYS */;
INSERT INTO `payments` VALUES (88209,'ORD-2023-110241',10441,154990.00,'KZT','⟦card|4263350380343007⟧','426335******3007',NULL,'⟦bin|091042687314⟧','⟦ipv4|95.56.214.17⟧','750360035948','A1B2C3','3f1c9a0e-7b2d-4c11-9e55-0a6d2f8b7c41','2023-11-02 08:20:11'),(88210,'ORD-2023-110242',10442,8450.50,'KZT',NULL,'440000******3853','⟦iban|KZ066013402530935882⟧','⟦bin|091042687314⟧','⟦ipv4|178.89.3.201⟧','511662619976','774201','c0a8e4b6-12f3-4d0e-8a9b-6e5f4d3c2b1a','2023-11-02 09:44:58'),(88211,'ORD-2023-110243',10443,1299000.00,'KZT','⟦card|4400 0064 7099 3853⟧','440000******3853',NULL,'⟦bin|091042687314⟧','⟦ipv6|2001:db8:4f2a::1c⟧','328200224836','093311','5d8e2f10-aa41-4b7c-b0c9-1f2e3d4c5b6a','2023-11-03 12:05:00'),(88212,'ORD-2023-110244',10444,23500.00,'KZT',NULL,NULL,'⟦iban|KZ49 1257 0663 3176 7852⟧','⟦bin|091042687314⟧','⟦ipv4|10.20.14.77⟧','176007833613','','e7d6c5b4-a3f2-41e0-9d8c-7b6a5f4e3d2c','2023-11-04 16:30:47'),(88213,'ORD-2023-110245',10445,64000.00,'USD',NULL,NULL,NULL,'⟦bin|091042687314⟧','⟦ipv4|2.132.77.140⟧','402071665072','510038','0b1c2d3e-4f50-4617-8899-aabbccddeeff','2023-11-05 07:10:02'),(88214,'ORD-2023-110246',10446,4200.00,'KZT',NULL,'220237******4844',NULL,'⟦bin|091042687314⟧','⟦ipv4|192.168.10.54⟧','372383991598','','9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d','2023-11-05 12:01:15');
/*!40000 ALTER TABLE `payments` ENABLE KEYS */;
UNLOCK TABLES;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed on 2023-11-06  3:00:04
