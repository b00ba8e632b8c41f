#include "indexer/caching_stemmer.hpp"

#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "common/language.hpp"

namespace idx::indexer {
namespace {

// Blog vocabularies run to a few hundred thousand distinct words; past this
// many cached stems the cache starts afresh rather than grow without bound.
constexpr std::size_t kMaxCachedStems = 200000;

// The cache proper: words and their stems in one open-addressed table of
// 32-byte slots (linear probing, at most half full), the pair kept inside the
// slot when it fits (most words: up to 26 bytes of word and stem together),
// else in an arena. A lookup of a cached word is one slot read, usually one
// cache line. It replaced a std::unordered_map<std::string, std::string>:
// its bucket, node and modulo were 6-7% of a build's CPU with one stemmer a
// parsing thread (perf, 20,000 generated posts in 4 shards).
class StemTable {
public:
    StemTable() { reset(); }

    // The cached stem of `word`, or nothing.
    std::optional<std::string_view> find(std::string_view word, std::uint64_t hash) const {
        for (std::size_t i = hash & m_mask;; i = (i + 1) & m_mask) {
            const Slot& slot = m_slots[i];
            if (slot.word_size == 0) return std::nullopt;
            if (slot.hash == static_cast<std::uint32_t>(hash) && slot.word_size == word.size() &&
                std::memcmp(text_of(slot), word.data(), word.size()) == 0)
                return std::string_view(text_of(slot) + slot.word_size, slot.stem_size);
        }
    }

    // Caches `word` (1 to 255 bytes, not cached yet) with its `stem`.
    void insert(std::string_view word, std::uint64_t hash, std::string_view stem) {
        if (word.empty() || word.size() > 255 || stem.size() > 255) return;  // stemmed each time instead
        if (m_count >= kMaxCachedStems) reset();
        if (2 * (m_count + 1) > m_slots.size()) grow();
        Slot slot;
        slot.hash = static_cast<std::uint32_t>(hash);
        slot.word_size = static_cast<std::uint8_t>(word.size());
        slot.stem_size = static_cast<std::uint8_t>(stem.size());
        if (slot.inline_text()) {
            std::memcpy(slot.text, word.data(), word.size());
            std::memcpy(slot.text + word.size(), stem.data(), stem.size());
        } else {
            const std::uint32_t offset = static_cast<std::uint32_t>(m_arena.size());
            m_arena.insert(m_arena.end(), word.begin(), word.end());
            m_arena.insert(m_arena.end(), stem.begin(), stem.end());
            std::memcpy(slot.text, &offset, sizeof offset);
        }
        place(slot);
        ++m_count;
    }

private:
    struct Slot {
        std::uint32_t hash = 0;
        std::uint8_t word_size = 0;  // 0: an empty slot
        std::uint8_t stem_size = 0;
        char text[26] = {};  // word then stem, or (when longer) their offset in the arena
        bool inline_text() const { return word_size + stem_size <= sizeof text; }
    };
    static_assert(sizeof(Slot) == 32);

    const char* text_of(const Slot& slot) const {
        if (slot.inline_text()) return slot.text;
        std::uint32_t offset = 0;
        std::memcpy(&offset, slot.text, sizeof offset);
        return m_arena.data() + offset;
    }

    void place(const Slot& slot) {
        std::size_t i = slot.hash & m_mask;
        while (m_slots[i].word_size != 0) i = (i + 1) & m_mask;
        m_slots[i] = slot;
    }

    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(old.size() * 2, Slot{});
        m_mask = m_slots.size() - 1;
        for (const Slot& slot : old)
            if (slot.word_size != 0) place(slot);
    }

    void reset() {
        m_slots.assign(kInitialSlots, Slot{});
        m_mask = kInitialSlots - 1;
        m_arena.clear();
        m_count = 0;
    }

    static constexpr std::size_t kInitialSlots = 4096;
    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::vector<char> m_arena;
    std::size_t m_count = 0;
};

class CachingStemmer : public Xapian::StemImplementation {
public:
    explicit CachingStemmer(Xapian::Stem stemmer) : m_stemmer(std::move(stemmer)) {}

    std::string operator()(const std::string& word) override {
        const std::uint64_t hash = std::hash<std::string_view>{}(word);
        if (const std::optional<std::string_view> cached = m_stems.find(word, hash)) return std::string(*cached);
        std::string stem = m_stemmer(word);
        m_stems.insert(word, hash, stem);
        return stem;
    }

    std::string get_description() const override { return "caching " + m_stemmer.get_description(); }

private:
    Xapian::Stem m_stemmer;
    StemTable m_stems;
};

}  // namespace

Xapian::Stem make_caching_stemmer(const std::string& language) {
    Xapian::Stem stemmer = snowball_stemmer(language);
    if (stemmer.is_none()) return stemmer;
    return Xapian::Stem(new CachingStemmer(std::move(stemmer)));
}

}  // namespace idx::indexer
