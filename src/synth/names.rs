//! Labelled lines with people's names and street addresses, in Russian,
//! Kazakh and Latin script, in the forms they take in CRM notes, court
//! decisions, bank statements and logs: full names, surname with initials,
//! initials first, given name first, Russian case forms, all capitals; and
//! beside them cities, regions, months and organisations that must stay.
//! Seeded, for the accuracy test of the `person` and `address` detectors.

use super::{Labelled, Rng, CITIES};
use crate::kind::Kind;

/// (masculine, feminine) surnames with a Russian ending.
const SURNAMES: &[(&str, &str)] = &[
    ("Нурланов", "Нурланова"),
    ("Ахметов", "Ахметова"),
    ("Жумабаев", "Жумабаева"),
    ("Сарсенбаев", "Сарсенбаева"),
    ("Касымов", "Касымова"),
    ("Омаров", "Омарова"),
    ("Беков", "Бекова"),
    ("Сериков", "Серикова"),
    ("Иванов", "Иванова"),
    ("Смагулов", "Смагулова"),
    ("Тулегенов", "Тулегенова"),
    ("Абенов", "Абенова"),
];
const MALE: &[&str] = &[
    "Ерлан",
    "Нурлан",
    "Асхат",
    "Даурен",
    "Марат",
    "Болат",
    "Арман",
    "Тимур",
    "Сергей",
    "Данияр",
];
const FEMALE: &[&str] = &[
    "Айгерим",
    "Гульнара",
    "Динара",
    "Жанар",
    "Сауле",
    "Алия",
    "Ольга",
    "Мадина",
    "Асель",
    "Елена",
];
/// Fathers' names for patronymics: (Russian stem, Kazakh form).
const FATHERS: &[(&str, &str)] = &[
    ("Болат", "Болат"),
    ("Серик", "Серік"),
    ("Марат", "Марат"),
    ("Ерлан", "Ерлан"),
    ("Кайрат", "Қайрат"),
];
const LATIN: &[(&str, &str)] = &[
    ("Daniyar", "Omarov"),
    ("Aigerim", "Akhmetova"),
    ("Nurlan", "Abenov"),
    ("Kairat", "Suleimenov"),
    ("Dinara", "Kasymova"),
];
const STREETS_RU: &[&str] = &[
    "Абая",
    "Жандосова",
    "Гоголя",
    "Розыбакиева",
    "Панфилова",
    "Толе би",
    "Кабанбай батыра",
];
const STREETS_KK: &[&str] = &[
    "Абай",
    "Сатпаев",
    "Төле би",
    "Достық",
    "Сарыарқа",
    "Рысқұлов",
];

fn initial(name: &str) -> String {
    name.chars()
        .next()
        .map(|c| format!("{c}."))
        .unwrap_or_default()
}

/// One person's name in one of its written forms.
fn name(r: &mut Rng) -> String {
    let female = r.chance(0.5);
    let (m, f) = *r.pick(SURNAMES);
    let surname = if female { f } else { m };
    let given = if female {
        *r.pick(FEMALE)
    } else {
        *r.pick(MALE)
    };
    let (father_ru, father_kk) = *r.pick(FATHERS);
    let patronymic = match (female, r.chance(0.5)) {
        (false, true) => format!("{father_ru}ович"),
        (true, true) => format!("{father_ru}овна"),
        (false, false) => format!("{father_kk}ұлы"),
        (true, false) => format!("{father_kk}қызы"),
    };
    match r.below(9) {
        0 => format!("{surname} {given} {patronymic}"),
        1 => format!("{surname} {}{}", initial(given), initial(&patronymic)),
        2 => format!("{} {} {surname}", initial(given), initial(&patronymic)),
        3 => format!("{given} {surname}"),
        4 => format!("{surname} {given}"),
        5 => {
            let (g, s) = *r.pick(LATIN);
            if r.chance(0.5) {
                format!("{g} {s}")
            } else {
                format!("{} {}", s.to_uppercase(), g.to_uppercase())
            }
        }
        6 => format!("{given} {patronymic}"),
        7 => format!("{surname} {given}").to_uppercase(),
        _ => {
            // The dative: «передать Нурланову Ерлану», «Ахметовой Гульнаре».
            let s = match surname.strip_suffix('а') {
                Some(stem) => format!("{stem}ой"),
                None => format!("{surname}у"),
            };
            let g = match given.strip_suffix('а') {
                Some(stem) => format!("{stem}е"),
                None if female => given.to_string(),
                None => format!("{given}у"),
            };
            format!("{s} {g}")
        }
    }
}

/// One street-level address, Russian or Kazakh.
fn address(r: &mut Rng) -> String {
    let house = 1 + r.below(250);
    let flat = 1 + r.below(120);
    if r.chance(0.5) {
        let street = *r.pick(STREETS_RU);
        let marker = *r.pick(&["ул.", "пр.", "мкр."]);
        match r.below(3) {
            0 => format!("{marker} {street}, д. {house}, кв. {flat}"),
            1 => format!("{marker} {street} {house}"),
            _ => format!("{marker} {street}, {house}"),
        }
    } else {
        let street = *r.pick(STREETS_KK);
        let marker = *r.pick(&["көшесі", "даңғылы"]);
        match r.below(2) {
            0 => format!("{street} {marker}, {house}-үй, {flat}-пәтер"),
            _ => format!("{street} {marker}, {house}-үй"),
        }
    }
}

/// `lines` labelled lines.
pub fn corpus(seed: u64, lines: usize) -> Labelled {
    let mut r = Rng::new(seed);
    let mut out = Labelled::default();
    for _ in 0..lines {
        let city = *r.pick(CITIES);
        match r.below(8) {
            0 => {
                out.lit("Клиент ").id(Kind::Person, &name(&mut r));
                out.lit(" просит перезвонить после обеда.\n");
            }
            1 => {
                out.lit("Истец ").id(Kind::Person, &name(&mut r));
                out.lit(", проживающий по адресу: г. ").lit(city).lit(", ");
                out.id(Kind::Address, &address(&mut r)).lit(".\n");
            }
            2 => {
                out.lit("Жауапкер ").id(Kind::Person, &name(&mut r));
                out.lit(" сотқа келмеді.\n");
            }
            3 => {
                out.lit("2024-03-01 12:00:01 INFO payment from ")
                    .id(Kind::Person, &name(&mut r));
                out.lit(" amount=15000 KZT\n");
            }
            4 => {
                out.lit(city).lit(" қаласы, ");
                out.id(Kind::Address, &address(&mut r))
                    .lit(" мекенжайына жеткізу.\n");
            }
            5 => {
                out.lit("Доставка: ").id(Kind::Address, &address(&mut r));
                out.lit(", получатель ")
                    .id(Kind::Person, &name(&mut r))
                    .lit(".\n");
            }
            6 => {
                // Nothing personal: places, months, organisations.
                out.lit("Филиал в г. ")
                    .lit(city)
                    .lit(" работает с 1 марта; ТОО Альфа, АО Казахтелеком.\n");
            }
            _ => {
                out.lit(city)
                    .lit(" облысы бойынша есеп дайындалды, Бостандық ауданы.\n");
            }
        }
    }
    out
}
