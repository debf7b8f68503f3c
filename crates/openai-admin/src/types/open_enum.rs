//! Open string enums: known wire values get a variant, anything else is kept as `Other`.
//!
//! The Admin API adds enum values without notice (residencies, roles, audit event types), so a
//! new value must never fail a whole response. Every enum in `types` is declared through
//! [`open_enum!`], which decodes any string and re-encodes it unchanged.

/// Declares an enum of known wire strings plus an `Other(String)` fallback, with `Serialize`,
/// `Deserialize`, `Display`, `as_str()` and `From<&str>`.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this client does not know yet, kept verbatim.
            Other(String),
        }

        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Other(other) => other.as_str(),
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    $( $wire => Self::$variant, )+
                    _ => Self::Other(value),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

pub(crate) use open_enum;

#[cfg(test)]
mod tests {
    open_enum! {
        /// Test enum.
        pub enum Colour {
            /// Red.
            Red => "red",
            /// Light blue.
            LightBlue => "light_blue",
        }
    }

    #[test]
    fn known_values_decode_to_their_variant() {
        let colour: Colour = serde_json::from_str("\"light_blue\"").unwrap();
        assert_eq!(colour, Colour::LightBlue);
    }

    #[test]
    fn unknown_values_decode_to_other_and_round_trip() {
        let colour: Colour = serde_json::from_str("\"ultraviolet\"").unwrap();
        assert_eq!(colour, Colour::Other("ultraviolet".into()));
        assert_eq!(serde_json::to_string(&colour).unwrap(), "\"ultraviolet\"");
        assert_eq!(colour.to_string(), "ultraviolet");
    }
}
