#include "shared/core/control_characters.h"

#include <cstdio>

namespace nastavnik {
namespace {

bool is_c0_or_del(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f; }
// In UTF-8, U+0080..U+009F are 0xC2 followed by 0x80..0x9F.
bool is_c1_second_byte(unsigned char c) { return c >= 0x80 && c <= 0x9f; }

std::string escaped(unsigned code) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", code);
  return buf;
}

}  // namespace

bool has_control_characters(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_c0_or_del(c)) return true;
    if (c == 0xc2 && i + 1 < text.size() && is_c1_second_byte(static_cast<unsigned char>(text[i + 1]))) return true;
  }
  return false;
}

std::string escape_control_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_c0_or_del(c)) {
      out += escaped(c);
    } else if (c == 0xc2 && i + 1 < text.size() && is_c1_second_byte(static_cast<unsigned char>(text[i + 1]))) {
      out += escaped(static_cast<unsigned char>(text[++i]));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

ControlEscapingBuf::~ControlEscapingBuf() { sync(); }

void ControlEscapingBuf::put(unsigned char c) {
  if (pending_c2_) {
    pending_c2_ = false;
    if (is_c1_second_byte(c)) {
      const std::string e = escaped(c);
      target_->sputn(e.data(), static_cast<std::streamsize>(e.size()));
      return;
    }
    target_->sputc(static_cast<char>(0xc2));
  }
  if (c == 0xc2) {
    pending_c2_ = true;
  } else if (is_c0_or_del(c)) {
    const std::string e = escaped(c);
    target_->sputn(e.data(), static_cast<std::streamsize>(e.size()));
  } else {
    target_->sputc(static_cast<char>(c));
  }
}

ControlEscapingBuf::int_type ControlEscapingBuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  put(static_cast<unsigned char>(traits_type::to_char_type(ch)));
  return ch;
}

std::streamsize ControlEscapingBuf::xsputn(const char* s, std::streamsize n) {
  for (std::streamsize i = 0; i < n; ++i) put(static_cast<unsigned char>(s[i]));
  return n;
}

int ControlEscapingBuf::sync() {
  if (pending_c2_) {  // a lone lead byte at the very end: not a C1 control, pass it on
    pending_c2_ = false;
    target_->sputc(static_cast<char>(0xc2));
  }
  return target_->pubsync();
}

EscapeControlCharacters::EscapeControlCharacters(std::ostream& stream)
    : stream_(stream), original_(stream.rdbuf()), buf_(original_) {
  stream_.rdbuf(&buf_);
}

EscapeControlCharacters::~EscapeControlCharacters() {
  stream_.flush();
  stream_.rdbuf(original_);
}

}  // namespace nastavnik
