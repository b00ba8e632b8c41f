#include "indexer/spelling_words.hpp"

namespace idx::indexer {
namespace {

bool is_spelling_word(std::string_view word) {
    if (word.size() < 3) return false;
    for (const char c : word)
        if (c >= '0' && c <= '9') return false;
    return true;
}

}  // namespace

std::vector<std::string> SpellingWords::of_title(const std::string& title) {
    Xapian::Document scratch;
    m_words.set_document(scratch);
    m_words.index_text_without_positions(title);
    std::vector<std::string> words;
    for (Xapian::TermIterator it = scratch.termlist_begin(); it != scratch.termlist_end(); ++it) {
        std::string word = *it;
        if (is_spelling_word(word)) words.push_back(std::move(word));
    }
    return words;
}

}  // namespace idx::indexer
