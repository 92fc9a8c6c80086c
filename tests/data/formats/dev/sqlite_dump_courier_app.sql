PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE app_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER);
INSERT INTO app_settings VALUES('schema_version','17',1709251200000);
INSERT INTO app_settings VALUES('app_build','4.12.0 (41200318)',1710374400000);
INSERT INTO app_settings VALUES('maps_api_key','⟦auth_token|AIzaSyC4q9Lm2Xw7tRkVb0Pn3sJd8HfGuEy5ZaQ⟧',1709251200000);
INSERT INTO app_settings VALUES('sync_endpoint','https://api.dostavka-example.kz/courier/v3/sync',1709251200000);
INSERT INTO app_settings VALUES('last_sync_cursor','c2c8a7f1-6d3e-4b0a-9e51-0b7d2f4a61c9',1710411751123);
INSERT INTO app_settings VALUES('support_chat_id','2024031400187',1709251200000);
CREATE TABLE couriers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  login TEXT UNIQUE NOT NULL,
  full_name TEXT NOT NULL,
  iin INTEGER,
  phone TEXT,
  vehicle_plate TEXT,
  device_imei TEXT,
  hired_on TEXT,
  rating REAL
);
INSERT INTO couriers VALUES(1,'⟦user_id|d.tulegenov⟧','⟦person|Тулегенов Даурен Маратович⟧',⟦iin|840318370976⟧,'⟦phone|+7 701 482 19 07⟧','⟦vehicle_plate|347 AVK 02⟧','⟦imei|353911105872650⟧','2022-03-01',4.75);
INSERT INTO couriers VALUES(2,'⟦user_id|v.kim⟧','⟦person|Ким Виктор Алексеевич⟧',⟦iin|910127347681⟧,'⟦phone|87055184422⟧','⟦vehicle_plate|905ZRA02⟧','⟦imei|867695045143608⟧','2023-07-15',4.625);
INSERT INTO couriers VALUES(3,'⟦user_id|arman.s⟧','⟦person|Arman Sadykov⟧',⟦iin|30214540833⟧,'⟦phone|8 (747) 310-55-81⟧',NULL,'⟦imei|358476318692472⟧','2024-01-09',4.5);
INSERT INTO couriers VALUES(4,'test_courier','Тестовый Курьер',NULL,NULL,NULL,NULL,'2021-11-30',5.0);
CREATE TABLE pickup_points (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  address TEXT,
  latlng TEXT,
  opens TEXT,
  closes TEXT
);
INSERT INTO pickup_points VALUES(101,'Кофейня «Daily Grind» на Абая','пр. Абая, 52, Алматы','43.2406,76.9106','08:00','23:00');
INSERT INTO pickup_points VALUES(102,'ТОО «Асыл Тас Фуд» (кухня №2)','ул. Толе би, 189А, Алматы','43.2523,76.8739','09:00','22:00');
INSERT INTO pickup_points VALUES(103,'Dark store Самал','мкр. Самал-2, 58, Алматы','43.2332,76.9545','00:00','23:59');
CREATE TABLE orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_no TEXT NOT NULL,
  pickup_id INTEGER REFERENCES pickup_points(id),
  courier_id INTEGER REFERENCES couriers(id),
  customer_name TEXT,
  customer_phone TEXT,
  delivery_address TEXT,
  delivery_latlng TEXT,
  comment TEXT,
  amount_kzt REAL,
  paid_by TEXT,
  tracking_no TEXT,
  status TEXT,
  created_at INTEGER,
  delivered_at INTEGER
);
INSERT INTO orders VALUES(1038,'ALM-240314-000187',101,1,'⟦person|Жумабекова Айгерим⟧','⟦phone|+77014551234⟧','⟦address|ул. Жандосова, д. 98, кв. 41⟧','⟦geo|43.2211,76.8694⟧','Домофон не работает, позвонить',4850.0,'card *4782','9945807302157364','delivered',1710398112004,1710400263551);
INSERT INTO orders VALUES(1039,'ALM-240314-000188',102,2,'⟦person|Ольга Петренко⟧','⟦phone|8 777 219 40 63⟧','⟦address|мкр. Коктем-1, д. 15, кв. 8⟧','⟦geo|43.2334,76.9224⟧',replace('Позвонить за 10 минут\nподъезд 3, этаж 5','\n',char(10)),12300.0,'kaspi_qr','9819303642621296','delivered',1710399004311,1710402871902);
INSERT INTO orders VALUES(1040,'ALM-240314-000189',103,3,'⟦person|Нуржан⟧','⟦phone|+7 (708) 904-17-26⟧','⟦address|ул. Розыбакиева, 247, кв. 112⟧','⟦geo|43.2089,76.8955⟧','оставить у двери',2990.0,'cash',NULL,'delivered',1710401225870,1710403390014);
INSERT INTO orders VALUES(1041,'ALM-240314-000190',101,1,'⟦person|Dilshod Karimov⟧','⟦phone|+998 90 123 45 67⟧','⟦address|ул. Сатпаева, 30/1, кв. 77⟧','⟦geo|43.2367,76.9303⟧','',7640.5,'card *5522','9972200332245381','in_transit',1710405511902,NULL);
INSERT INTO orders VALUES(1042,'ALM-240314-000191',102,NULL,'⟦person|Бекмуратова Жанар Ерлановна⟧','⟦phone|87761234905⟧','⟦address|Абай даңғылы, 150-үй, 12-пәтер⟧',NULL,'Сдача с 20000',15890.0,'cash',NULL,'new',1710411751123,NULL);
INSERT INTO orders VALUES(1043,'ALM-240314-000192',103,NULL,'Офис ТОО «Qazaq Logistics»',NULL,'пр. Аль-Фараби, 77/7, БЦ «Esentai Tower», 9 этаж','43.2183,76.9276','на ресепшн, БИН в накладной',64200.0,'invoice','RR405172096KZ','new',1710412003417,NULL);
CREATE TABLE courier_pings (
  courier_id INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  latlng TEXT NOT NULL,
  accuracy_m REAL,
  battery INTEGER,
  net TEXT
);
INSERT INTO courier_pings VALUES(1,1710399600000,'⟦geo|43.2358,76.9093⟧',12.0,81,'LTE');
INSERT INTO courier_pings VALUES(1,1710399660000,'⟦geo|43.2311,76.8957⟧',8.5,81,'LTE');
INSERT INTO courier_pings VALUES(2,1710401000000,'⟦geo|43.2402,76.9187⟧',25.0,47,'WIFI');
INSERT INTO courier_pings VALUES(3,1710402500000,'⟦geo|43.2147,76.8991⟧',5.0,93,'LTE');
CREATE TABLE payouts (
  id INTEGER PRIMARY KEY,
  courier_id INTEGER,
  period TEXT,
  amount_kzt INTEGER,
  iban TEXT,
  contract_no TEXT,
  status TEXT
);
INSERT INTO payouts VALUES(5001,1,'2024-02',412500,'⟦iban|KZ34722S511848733311⟧','917964844730','paid');
INSERT INTO payouts VALUES(5002,2,'2024-02',389000,'⟦iban|KZ83 601A 4533 3147 8932⟧','971002011831','paid');
INSERT INTO payouts VALUES(5003,3,'2024-02',122750,'⟦iban|KZ668567181478158069⟧','621647786364','pending');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('couriers',4);
INSERT INTO sqlite_sequence VALUES('orders',1043);
CREATE INDEX idx_orders_status ON orders(status, created_at);
CREATE INDEX idx_pings_courier_ts ON courier_pings(courier_id, ts);
CREATE UNIQUE INDEX idx_orders_no ON orders(order_no);
COMMIT;
