//! A page's address (`/c/{slug}`) from its title: ASCII letters and digits as they are, Chinese
//! characters as their pinyin syllables, everything else a separator, so 双11抽奖 becomes
//! `shuang-11-chou-jiang` and a title with nothing readable `page-` plus the page id.

use pinyin::ToPinyin;

/// Longest address made from a title (a valid slug allows 64).
const MAX_LEN: usize = 48;

/// The address a page titled `title` (id `id`) gets unless the marketer names one.
///
/// ```
/// use cradle_model::address::from_title;
/// assert_eq!(from_title("双11抽奖", "abc"), "shuang-11-chou-jiang");
/// assert_eq!(from_title("Spring Club 2027!", "abc"), "spring-club-2027");
/// ```
pub fn from_title(title: &str, id: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if let Some(syllable) = c.to_pinyin() {
            // ü (lü, nü) is written v, as pinyin keyboards and addresses do: 绿 → lv. Any other
            // letter outside ASCII (ê) is left out.
            let ascii: String = syllable
                .plain()
                .replace('ü', "v")
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            if !ascii.is_empty() {
                words.push(ascii);
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let mut slug = String::new();
    for word in words {
        if slug.len() + word.len() + 1 > MAX_LEN {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    match slug.is_empty() {
        true => format!("page-{}", &id[..8.min(id.len())]),
        false => slug,
    }
}

/// The first of `wanted`, `wanted-2`, `wanted-3`, … that `taken` does not hold.
pub fn first_free(wanted: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(wanted) {
        return wanted.to_owned();
    }
    (2..)
        .map(|n| format!("{wanted}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::is_valid_slug;
    use proptest::prelude::*;

    #[test]
    fn chinese_titles_read_as_pinyin() {
        assert_eq!(
            from_title("春季会员日", "abcdef0123"),
            "chun-ji-hui-yuan-ri"
        );
        assert_eq!(from_title("双11抽奖", "x"), "shuang-11-chou-jiang");
        assert_eq!(from_title("绿色女孩", "x"), "lv-se-nv-hai");
        assert_eq!(from_title("  --A  B-- ", "x"), "a-b");
        assert_eq!(from_title("🎉🎉", "abcdef0123"), "page-abcdef01");
        assert_eq!(
            first_free("club", |s| s == "club" || s == "club-2"),
            "club-3"
        );
        assert_eq!(first_free("club", |_| false), "club");
    }

    proptest! {
        #[test]
        fn every_title_gives_a_valid_address(title in "\\PC{0,80}") {
            let slug = from_title(&title, "0123456789");
            prop_assert!(is_valid_slug(&slug), "{title:?} gave {slug:?}");
        }

        #[test]
        fn every_chinese_title_gives_a_valid_address(title in "[\u{3400}-\u{9fff}]{1,30}") {
            let slug = from_title(&title, "0123456789");
            prop_assert!(is_valid_slug(&slug), "{title:?} gave {slug:?}");
        }
    }
}
