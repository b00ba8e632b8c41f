#include "indexer/caching_stemmer.hpp"

#include <unordered_map>

#include "common/error.hpp"

namespace idx::indexer {
namespace {

// Blog vocabularies run to a few hundred thousand distinct words; past this
// many cached stems the cache starts afresh rather than grow without bound.
constexpr std::size_t kMaxCachedStems = 200000;

class CachingStemmer : public Xapian::StemImplementation {
public:
    explicit CachingStemmer(const std::string& language) : m_stemmer(language) {}

    std::string operator()(const std::string& word) override {
        const auto cached = m_stems.find(word);
        if (cached != m_stems.end()) return cached->second;
        if (m_stems.size() >= kMaxCachedStems) m_stems.clear();
        std::string stem = m_stemmer(word);
        m_stems.emplace(word, stem);
        return stem;
    }

    std::string get_description() const override { return "caching " + m_stemmer.get_description(); }

private:
    Xapian::Stem m_stemmer;
    std::unordered_map<std::string, std::string> m_stems;
};

}  // namespace

Xapian::Stem make_caching_stemmer(const std::string& language) {
    if (language == "none" || language.empty()) return Xapian::Stem();
    try {
        return Xapian::Stem(new CachingStemmer(language));
    } catch (const Xapian::InvalidArgumentError&) {
        throw Error("language '" + language + "' is not one Xapian can stem; try one of: " +
                    Xapian::Stem::get_available_languages() + ", or none");
    }
}

}  // namespace idx::indexer
