#pragma once
// Names for the instances of value-parameterised tests, so a failure reads
// `Suite/Test/missing_date` rather than `Suite/Test/3`.

#include <gtest/gtest.h>

#include <cctype>
#include <string>

namespace idx::test {

// `text` with every character other than a letter or digit made '_':
// GoogleTest accepts only those in a test name.
inline std::string as_test_name(std::string text) {
    for (char& c : text)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return text;
}

// The name generator for INSTANTIATE_TEST_SUITE_P when each case has a
// `name` member: the instance is named after it.
struct ParamName {
    template <class Case>
    std::string operator()(const ::testing::TestParamInfo<Case>& info) const {
        return std::string(info.param.name);
    }
};
inline constexpr ParamName param_name{};

}  // namespace idx::test
