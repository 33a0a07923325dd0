//! A live class's secrets and what is typed into it: join codes (read easily
//! off a projector, compared in constant time), students' session secrets,
//! and the hidden characters a name may not hold.

/// Letters of a join code: no 0/O, 1/I/L, which are misread on a projector.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Letters in a join code: 31⁵ ≈ 29 million codes, tried a few a second at most.
const CODE_LENGTH: usize = 5;

/// Control characters, and the invisible marks that reorder text (bidi
/// overrides and isolates): a name holding one could show as another name in
/// the teacher's window, a report or a terminal.
pub(crate) fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Whether a code typed matches the class's: case and spaces aside, compared
/// in constant time so that a timing tells nothing of the letters right.
pub fn same_code(typed: &str, code: &str) -> bool {
    let typed: Vec<u8> = typed
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'-')
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if typed.len() != code.len() {
        return false;
    }
    typed.iter().zip(code.bytes()).fold(0u8, |d, (a, b)| d | (a ^ b)) == 0
}

/// A new join code: letters no one misreads, from the system's randomness
/// (48 random bits, so that no letter is likelier than another).
pub fn new_join_code() -> String {
    let mut random = u128::from_be_bytes(*uuid::Uuid::new_v4().as_bytes()) >> 80;
    let base = CODE_ALPHABET.len() as u128;
    (0..CODE_LENGTH)
        .map(|_| {
            let letter = CODE_ALPHABET[(random % base) as usize] as char;
            random /= base;
            letter
        })
        .collect()
}

/// A session's secret: 122 random bits.
pub fn new_secret() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}
