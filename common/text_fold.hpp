#pragma once
// Letter case and accents folded away wherever idx compares words or labels
// without them: `Nurnberg` finds `Nürnberg`, `tag:opensuse` finds posts
// tagged `openSUSE`. Only Latin letters lose their accents (the table is
// generated from Unicode's decompositions by fold_table.py); other scripts
// pass through unchanged, since removing marks there (Japanese dakuten,
// Cyrillic й) would merge different words.

#include <string>
#include <string_view>

namespace idx {

// Whether `text` may hold a letter fold_accents() changes: a byte scan for
// the UTF-8 lead bytes of the Latin blocks, so plain ASCII costs one pass.
bool has_accents(std::string_view text);

// `text` with the accents of Latin letters removed (Latinović → Latinovic,
// Straße → Strasse); everything else, case included, as it was.
std::string fold_accents(std::string_view text);

// The form in which labels (authors, categories, tags) are compared: lower
// case, accents folded, blanks trimmed and runs of blanks made one space.
// "Guillaume  GARDET" and "guillaume gardet" have the same key.
std::string label_key(std::string_view label);

}  // namespace idx
