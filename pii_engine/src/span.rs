//! PII categories (in priority order: lower wins an overlap) and the span every rule returns.

/// A PII category; the order is the priority when two detections overlap (as
/// `klantmonitor.pii.categories.PLACEHOLDERS`, which the engine checks at start).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Email,
    Ip,
    Iban,
    Card,
    Phone,
    Bsn,
    LicencePlate,
    Date,
    Address,
    Name,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::Email,
        Category::Ip,
        Category::Iban,
        Category::Card,
        Category::Phone,
        Category::Bsn,
        Category::LicencePlate,
        Category::Date,
        Category::Address,
        Category::Name,
    ];

    /// The category's name in Python (`"licence_plate"`).
    pub fn name(self) -> &'static str {
        match self {
            Category::Email => "email",
            Category::Ip => "ip",
            Category::Iban => "iban",
            Category::Card => "card",
            Category::Phone => "phone",
            Category::Bsn => "bsn",
            Category::LicencePlate => "licence_plate",
            Category::Date => "date",
            Category::Address => "address",
            Category::Name => "name",
        }
    }

    /// Rank in an overlap: lower wins.
    pub fn priority(self) -> usize {
        self as usize
    }
}

/// `text[start..end]` (byte offsets into the UTF-8 text) is PII of `category`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub category: Category,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(category: Category, start: usize, end: usize) -> Span {
        Span {
            category,
            start,
            end,
        }
    }
}
