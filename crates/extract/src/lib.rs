//! Quote attribution and CAMEO/PLOVER event coding.
#![deny(missing_docs)]
