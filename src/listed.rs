//! `listed_enum!`: an enum and the list of its variants written from the same words, so the
//! list (for menus, pickers, the command table, property tests) can never miss a variant.
//! Declared first in the crate, so every module can use it without a path.

/// Declares an enum and a constant slice `LIST` of its unit variants, in declaration order.
/// Variants after a `;` (ones that carry data) are declared but not listed:
///
/// ```ignore
/// listed_enum! {
///     pub enum Channel as NAMED { InPerson, Phone; Custom(String) }
/// }
/// ```
macro_rules! listed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident as $list:ident {
            $($(#[$vmeta:meta])* $variant:ident),* $(,)?
            $(; $($extra:tt)*)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$vmeta])* $variant,)*
            $($($extra)*)?
        }

        impl $name {
            /// Every listed variant, in the order they are declared.
            pub const $list: &'static [$name] = &[$($name::$variant),*];
        }
    };
}
