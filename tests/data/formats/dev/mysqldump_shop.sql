-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: ⟦ipv4|10.20.0.14⟧    Database: shop
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
  `iin` char(12) DEFAULT NULL,
  `bin` char(12) DEFAULT NULL,
  `fio` varchar(255) NOT NULL,
  `phone` varchar(32) DEFAULT NULL,
  `email` varchar(254) DEFAULT NULL,
  `uuid_bin` binary(16) NOT NULL,
  `last_ip` varchar(45) DEFAULT NULL,
  `note` text,
  `meta` json DEFAULT NULL,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_customers_iin` (`iin`)
) ENGINE=InnoDB AUTO_INCREMENT=2318 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `customers`
--

LOCK TABLES `customers` WRITE;
/*!40000 ALTER TABLE `customers` DISABLE KEYS */;
INSERT INTO `customers` VALUES (2301,'⟦iin|530907314080⟧',NULL,'⟦person|Абдрахманов Серик Жумагалиевич⟧','⟦phone|+77014563218⟧','⟦email|serik.abdrakhmanov@mail.kz⟧',_binary 0x8F3A1C0E9B7D4E21A6C35D0F7E912B44,'⟦ipv4|95.56.231.17⟧','Клиент с 2009 г.\nВторой номер: ⟦phone|8 778 402 11 96⟧\nБонусы: 1 250 баллов','{\"fw\": \"4.12.19.238\", \"order_no\": \"740718818173\", \"sku\": \"4870204391510\"}','2023-11-02 10:15:33'),(2302,'⟦iin|650323313419⟧','⟦bin|220440804875⟧','⟦person|Patrick O\'Connor⟧','⟦phone|+44 7412 558903⟧','⟦email|p.oconnor+kz@irish-grain.ie⟧',_binary 0x0D41B2771A5C4F88903E6B2C44A1D9F0,'⟦ipv4|178.89.40.203⟧','Rep office, Almaty.\r\nPrefers e-mail; don\'t call before 10:00','{\"build\": 20231102, \"app_version\": \"3.8.1\", \"ref\": \"PO-2023-11-0042\"}','2023-11-02 12:48:01'),(2303,'⟦iin|791015449115⟧',NULL,'⟦person|Тлеубаева Гульнар Маратовна⟧','⟦phone|+7 (727) 258-11-22⟧',NULL,_binary 0x5B6E0C3F22D94A1F8E7711C09A6D0B35,'⟦ipv4|192.168.14.52⟧','Адрес доставки: ⟦address|мкр. Самал-2, д. 58, кв. 14⟧, ⟦postcode|050059⟧\tтел.⟦phone|87076653341⟧','{\"tags\": [\"wholesale\", \"net30\"], \"credit_limit\": 1500000}','2023-11-03 09:02:10'),(2304,'⟦iin|860517456279⟧',NULL,'⟦person|Мухаметжанова Д.Е.⟧','⟦phone|+998 90 127 45 63⟧','⟦email|dinara.m@inbox.uz⟧',_binary 0x9E2B44D01C7A4B3E8D5F0A6C1B2E3D4F,'⟦ipv6|2a02:2168:8a3f:1e00:5d1c:9b2a:4f0e:11c7⟧','Ташкент; карта UnionPay ⟦card|6275989834788787⟧','{\"device\": {\"imei\": \"⟦imei|867693043551500⟧\", \"os\": \"Android 13\", \"kernel\": \"5.10.168\"}}','2023-11-05 18:30:59'),(2305,NULL,'⟦bin|070340831539⟧','ТОО \"Жетісу Логистик\"','⟦phone|+7 (7282) 40-12-77⟧','⟦email|buh@zhetysu-log.kz⟧',_binary 0x11223344556677889900AABBCCDDEEFF,'⟦ipv4|203.0.113.77⟧','Контакт: ⟦person|Ержан Касымов⟧, ⟦email|e.kassymov@zhetysu-log.kz⟧','{\"iban\": \"⟦iban|KZ038568312402344834⟧\", \"bik\": \"KCJBKZKX\", \"kbe\": 17}','2023-11-06 11:11:11');
/*!40000 ALTER TABLE `customers` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `orders`
--

DROP TABLE IF EXISTS `orders`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `order_no` char(12) NOT NULL,
  `customer_iin` char(12) DEFAULT NULL,
  `amount` decimal(12,2) NOT NULL,
  `tracking` varchar(32) DEFAULT NULL,
  `request_id` char(36) DEFAULT NULL,
  `payload` blob,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=880412 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `orders`
--

LOCK TABLES `orders` WRITE;
/*!40000 ALTER TABLE `orders` DISABLE KEYS */;
INSERT INTO `orders` VALUES (880401,'667640206797','⟦iin|530907314080⟧',15990.00,'RR123456785KZ','7c9e6679-7425-40de-944b-e07fc1f90ae7',_binary '\0\0\0\0\0\0\0\0','2024-01-09 07:31:22'),(880402,'016877313228','⟦iin|791015449115⟧',259000.00,'4529841537760200','f47ac10b-58cc-4372-a567-0e02b2c3d479',NULL,'2024-01-09 08:02:41'),(880403,'436537056563','⟦iin|650323313419⟧',7450.00,NULL,'1b4e28ba-2fa1-11d2-883f-0016d3cca427',_binary 'PK\0\0\0\n\0\0\0\0\0','2024-01-10 14:44:00'),(880404,'048137343373',NULL,120.00,'7764265651505562','6fa459ea-ee8a-3ca4-894e-db77e160355e',NULL,'2024-01-10 15:00:05'),(880405,'441979237609','⟦iin|860517456279⟧',33333.33,'CP987654321KZ','16fd2706-8baf-433b-82eb-8c7fada847da',NULL,'2024-01-11 19:59:59');
/*!40000 ALTER TABLE `orders` ENABLE KEYS */;
UNLOCK TABLES;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed on 2024-01-12  3:00:02
