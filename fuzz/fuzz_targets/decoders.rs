//! The decoders: UTF-16 (lenient and strict), KZ-1048 and Windows-1251,
//! gzip and zstd. No panic, no hang, bounded output; single-byte code
//! pages round-trip every byte.
#![no_main]

use std::io::Read;

use libfuzzer_sys::fuzz_target;
use qorgau::codec::{Codec, Unmappable, WINDOWS_1251};
use qorgau::input::utf16::{detect, Utf16Reader};

/// Reads at most 1 MiB (a decompression bomb is not the target's concern).
fn drain(r: impl Read) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    r.take(1 << 20).read_to_end(&mut out)?;
    Ok(out)
}

fuzz_target!(|data: &[u8]| {
    for enc in [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE] {
        let lenient = drain(Utf16Reader::new(data, enc, false)).expect("lenient never fails");
        assert!(std::str::from_utf8(&lenient).is_ok());
        if let Ok(strict) = drain(Utf16Reader::new(data, enc, true)) {
            assert_eq!(strict, lenient, "strict and lenient differ on valid UTF-16");
        }
    }
    let _ = detect(data);
    for codec in [Codec::Kz1048, WINDOWS_1251] {
        let (text, _) = codec.decode(data);
        let back = codec.encode(&text, Unmappable::Error).expect("decoded text encodes");
        assert!(&*back == data, "{} does not round-trip", codec.name());
    }
    let _ = drain(flate2::read::MultiGzDecoder::new(data));
    if let Ok(d) = ruzstd::decoding::StreamingDecoder::new(data) {
        let _ = drain(d);
    }
});
