//! Text files as editors save them: what the bytes declare (a byte-order mark,
//! or valid UTF-8), else the Windows code page that Notepad's "ANSI" and Excel's
//! "CSV" write on Western European Windows. Each reader says a guess in its own words.

/// The text, when the bytes say how to read them: a byte-order mark (UTF-8,
/// UTF-16) first, else valid UTF-8.
pub fn decode_declared(bytes: &[u8]) -> Option<String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Some(text.into_owned());
    }
    std::str::from_utf8(bytes).ok().map(str::to_owned)
}

/// The bytes read as Windows-1252 (the bytes it leaves undefined as the C1
/// controls of the same number, as browsers read them).
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}
