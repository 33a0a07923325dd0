//! Stances: compare negotiation positions side by side and mark where the sides meet and clash.

pub mod model;
