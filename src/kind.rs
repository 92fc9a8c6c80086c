//! The stable kind ids of personal data (see `docs/interface.md`).
//!
//! A kind is what a finding *is*; a detector is how it is found. Ids are part of
//! the outside contract (JSONL, SARIF rule ids, policy keys): never rename one.

use std::fmt;
use std::str::FromStr;

macro_rules! kinds {
    ($($variant:ident => $id:literal, $label:literal;)*) => {
        /// A kind of personal data.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Kind { $($variant,)* }

        impl Kind {
            /// Every kind, in id order of declaration.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)*];

            /// The stable lower-case id (`iin`, `phone`, ...).
            pub fn id(self) -> &'static str {
                match self { $(Kind::$variant => $id,)* }
            }

            /// A short human label for reports.
            pub fn label(self) -> &'static str {
                match self { $(Kind::$variant => $label,)* }
            }
        }

        impl FromStr for Kind {
            type Err = UnknownKind;
            fn from_str(s: &str) -> Result<Kind, UnknownKind> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($id => Ok(Kind::$variant),)*
                    _ => Err(UnknownKind(s.to_string())),
                }
            }
        }
    };
}

kinds! {
    Iin => "iin", "IIN (individual identification number)";
    Bin => "bin", "BIN (business identification number)";
    Phone => "phone", "phone number";
    Email => "email", "e-mail address";
    Card => "card", "payment card number";
    Iban => "iban", "IBAN (bank account)";
    Imei => "imei", "IMEI";
    Meid => "meid", "MEID";
    Mac => "mac", "MAC address";
    Ipv4 => "ipv4", "IPv4 address";
    Ipv6 => "ipv6", "IPv6 address";
    Person => "person", "person name";
    Address => "address", "postal address";
    Postcode => "postcode", "postcode";
    IdCard => "id_card", "ID card number";
    Passport => "passport", "passport number";
    DriverLicence => "driver_licence", "driver's licence";
    VehiclePlate => "vehicle_plate", "vehicle plate";
    Geo => "geo", "geolocation";
    DateOfBirth => "date_of_birth", "date of birth";
    CookieId => "cookie_id", "cookie identifier";
    DeviceId => "device_id", "device identifier";
    UserId => "user_id", "user identifier";
    AuthToken => "auth_token", "authentication token";
}

impl Kind {
    /// Bit for this kind in a [`KindSet`].
    #[inline]
    pub(crate) const fn bit(self) -> u32 {
        1u32 << (self as u8)
    }
}

impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The error for a kind id nobody defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = Kind::ALL.iter().map(|k| k.id()).collect();
        write!(f, "unknown kind {:?} (known: {})", self.0, known.join(", "))
    }
}

impl std::error::Error for UnknownKind {}

/// A set of kinds, as a bit mask (there are fewer than 32 kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct KindSet(u32);

impl KindSet {
    /// Every kind.
    pub fn all() -> KindSet {
        KindSet(Kind::ALL.iter().fold(0, |m, k| m | k.bit()))
    }

    /// No kind.
    pub fn empty() -> KindSet {
        KindSet(0)
    }

    /// Adds a kind.
    pub fn insert(&mut self, kind: Kind) {
        self.0 |= kind.bit();
    }

    /// Whether the set holds `kind`.
    #[inline]
    pub fn contains(self, kind: Kind) -> bool {
        self.0 & kind.bit() != 0
    }

    /// Parses a comma-separated list of kind ids (`iin,phone`).
    ///
    /// # Errors
    /// An [`UnknownKind`] for the first id that is not a kind.
    pub fn parse_list(list: &str) -> Result<KindSet, UnknownKind> {
        let mut set = KindSet::empty();
        for id in list.split(',').filter(|s| !s.trim().is_empty()) {
            set.insert(id.parse()?);
        }
        Ok(set)
    }
}

impl FromIterator<Kind> for KindSet {
    fn from_iter<I: IntoIterator<Item = Kind>>(iter: I) -> KindSet {
        let mut set = KindSet::empty();
        for k in iter {
            set.insert(k);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for &k in Kind::ALL {
            assert_eq!(k.id().parse::<Kind>().unwrap(), k);
        }
        assert!(Kind::ALL.len() < 32);
    }

    #[test]
    fn kind_list_rejects_unknown_ids() {
        assert!(KindSet::parse_list("iin,phone")
            .unwrap()
            .contains(Kind::Phone));
        assert!(KindSet::parse_list("iin,foo").is_err());
    }
}
