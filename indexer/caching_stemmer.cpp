#include "indexer/caching_stemmer.hpp"

#include <unordered_map>
#include <utility>

#include "common/language.hpp"

namespace idx::indexer {
namespace {

// Blog vocabularies run to a few hundred thousand distinct words; past this
// many cached stems the cache starts afresh rather than grow without bound.
constexpr std::size_t kMaxCachedStems = 200000;

class CachingStemmer : public Xapian::StemImplementation {
public:
    explicit CachingStemmer(Xapian::Stem stemmer) : m_stemmer(std::move(stemmer)) {}

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
    Xapian::Stem stemmer = snowball_stemmer(language);
    if (stemmer.is_none()) return stemmer;
    return Xapian::Stem(new CachingStemmer(std::move(stemmer)));
}

}  // namespace idx::indexer
