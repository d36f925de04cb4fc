/// Converts byte offsets of one text to code-point offsets.
///
/// Built once per document in O(n); each lookup is O(log k) over the k multi-byte characters,
/// and O(1) for pure-ASCII text.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    /// Byte offsets of the multi-byte characters, with the number of extra bytes seen *before*
    /// and including each one (cumulative).
    wide: Vec<(usize, usize)>,
    len: usize,
    chars: usize,
}

impl OffsetMap {
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut extra = 0usize;
        if !text.is_ascii() {
            for (i, c) in text.char_indices() {
                let n = c.len_utf8();
                if n > 1 {
                    extra += n - 1;
                    wide.push((i, extra));
                }
            }
        }
        OffsetMap {
            wide,
            len: text.len(),
            chars: text.len() - extra,
        }
    }

    /// The code-point offset of byte offset `byte`. A byte inside a character maps to that
    /// character's start; past the end maps to the character count.
    pub fn char_of(&self, byte: usize) -> usize {
        if byte >= self.len {
            return self.chars;
        }
        // Extra bytes of wide chars that start strictly before `byte`.
        let idx = self.wide.partition_point(|&(b, _)| b < byte);
        if idx == 0 {
            return byte;
        }
        let (b, extra) = self.wide[idx - 1];
        // If `byte` falls inside the previous wide char, snap to its start.
        let prev_extra = if idx >= 2 { self.wide[idx - 2].1 } else { 0 };
        let width = extra - prev_extra + 1;
        if byte < b + width {
            return b - prev_extra;
        }
        byte - extra
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(text: &str, byte: usize) -> usize {
        text.char_indices()
            .take_while(|&(i, c)| i + c.len_utf8() <= byte)
            .count()
    }

    #[test]
    fn ascii_and_wide() {
        let t = "a’b€c😀d";
        let m = OffsetMap::new(t);
        for (i, _) in t.char_indices() {
            assert_eq!(m.char_of(i), naive(t, i), "byte {i}");
        }
        assert_eq!(m.char_of(t.len()), t.chars().count());
    }

    proptest::proptest! {
        #[test]
        fn matches_naive(s in "\\PC{0,40}") {
            let m = OffsetMap::new(&s);
            for (i, _) in s.char_indices() {
                proptest::prop_assert_eq!(m.char_of(i), naive(&s, i));
            }
            proptest::prop_assert_eq!(m.char_of(s.len()), s.chars().count());
        }
    }
}
