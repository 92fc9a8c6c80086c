//! Web and mobile logs with online identifiers, labelled: nginx/Apache
//! combined lines with query strings and a cookie field, JSON application
//! logs, and syslog lines — beside request and trace ids, build hashes,
//! UUID keys of orders and products, and placeholder values that must stay.

use base64::Engine as _;

use super::values as v;
use super::{Labelled, Rng};
use crate::kind::Kind;

fn hex(r: &mut Rng, n: usize) -> String {
    v::digest(r, n)
}

fn alnum(r: &mut Rng, n: usize) -> String {
    const SET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    (0..n)
        .map(|_| char::from(SET[r.below(SET.len() as u64) as usize]))
        .collect()
}

fn ga(r: &mut Rng) -> String {
    format!(
        "GA1.2.{}.{}",
        1_000_000_000 + r.below(9_000_000_000),
        1_700_000_000 + r.below(30_000_000)
    )
}

fn jwt(r: &mut Rng) -> String {
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    let sig: Vec<u8> = (0..32).map(|_| r.below(256) as u8).collect();
    format!(
        "{}.{}.{}",
        b64(r#"{"alg":"HS256","typ":"JWT"}"#),
        b64(&format!(
            r#"{{"sub":"{}","iat":{}}}"#,
            r.below(1_000_000),
            1_700_000_000 + r.below(1_000_000)
        )),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sig)
    )
}

/// One labelled log line.
pub fn line(r: &mut Rng, out: &mut Labelled) {
    match r.below(4) {
        0 => {
            out.id(Kind::Ipv4, &v::ipv4(r));
            out.lit(" - - [12/May/2024:10:23:45 +0600] \"GET /api/v2/feed?user_id=");
            out.id(Kind::UserId, &(100_000 + r.below(9_000_000)).to_string());
            out.lit("&page=").lit(&r.below(20).to_string());
            out.lit("&request_id=").lit(&v::uuid(r));
            out.lit(" HTTP/1.1\" 200 ")
                .lit(&r.below(50_000).to_string());
            out.lit(" \"-\" \"okhttp/4.12.0\" \"_ga=");
            out.id(Kind::CookieId, &ga(r));
            out.lit("; _ym_uid=");
            out.id(
                Kind::CookieId,
                &(1_000_000_000_000_000_000 + r.below(8_000_000_000_000_000_000)).to_string(),
            );
            out.lit("; lang=ru\"\n");
        }
        1 => {
            out.lit("{\"ts\":\"2024-05-12T10:23:45Z\",\"trace_id\":\"")
                .lit(&hex(r, 32));
            out.lit("\",\"device_id\":\"");
            out.id(Kind::DeviceId, &v::uuid(r));
            out.lit("\",\"order_id\":\"").lit(&v::uuid(r));
            out.lit("\",\"customer_id\":");
            out.id(Kind::UserId, &(1_000_000 + r.below(9_000_000)).to_string());
            out.lit(",\"build\":\"").lit(&hex(r, 40)).lit("\"}\n");
        }
        2 => {
            out.lit("May 12 10:23:45 api01 gateway[")
                .lit(&r.below(30_000).to_string());
            out.lit("]: POST /v1/pay Authorization: Bearer ");
            out.id(Kind::AuthToken, &jwt(r));
            out.lit(" PHPSESSID=");
            out.id(Kind::CookieId, &alnum(r, 26));
            out.lit(" span_id=").lit(&hex(r, 16)).lit(" status=200\n");
        }
        _ => {
            out.lit("GET /register?idfa=");
            out.id(Kind::DeviceId, &v::uuid(r).to_uppercase());
            out.lit("&gaid=00000000-0000-0000-0000-000000000000&login=");
            out.id(Kind::UserId, &format!("user{}", r.below(100_000)));
            out.lit("&product_id=").lit(&v::uuid(r));
            out.lit("&access_token=");
            out.id(Kind::AuthToken, &alnum(r, 40));
            out.lit("&session_id=null HTTP/1.1\n");
        }
    }
}

/// A labelled access log of about `bytes` bytes.
pub fn log(seed: u64, bytes: usize) -> Labelled {
    let mut r = Rng::new(seed);
    let mut out = Labelled::default();
    while out.text.len() < bytes {
        line(&mut r, &mut out);
    }
    out
}
