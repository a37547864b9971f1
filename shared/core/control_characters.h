#pragma once
// Control characters in text that people typed or that arrived from elsewhere. Stored text
// may hold newlines and tabs, nothing else below U+0020, no DEL and no C1 controls
// (U+0080-U+009F): printed to a terminal, ESC or CSI sequences could rewrite the screen,
// hide lines or set the window title. Validation refuses them in text fields
// (validation.control_character); whatever the programs print goes through an escaping
// stream buffer, so that text stored before that rule, or from an older server, is shown
// as a visible \u001b instead of being obeyed.

#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace nastavnik {

// True when `text` holds a C0 control other than tab and newline, DEL, or a C1 control.
bool has_control_characters(std::string_view text);
// Each such character written as \u00XX; everything else (tab and newline too) as it is.
std::string escape_control_characters(std::string_view text);

// Passes everything written to it on to `target`, with control characters escaped as
// escape_control_characters does (a C1 character split between two writes included).
class ControlEscapingBuf : public std::streambuf {
 public:
  explicit ControlEscapingBuf(std::streambuf* target) : target_(target) {}
  ~ControlEscapingBuf() override;

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  void put(unsigned char c);
  std::streambuf* target_;
  bool pending_c2_ = false;  // a 0xC2 lead byte whose next byte decides
};

// While it lives, everything written to `stream` goes through a ControlEscapingBuf (the
// programs' main() puts one on stdout and stderr).
class EscapeControlCharacters {
 public:
  explicit EscapeControlCharacters(std::ostream& stream);
  ~EscapeControlCharacters();
  EscapeControlCharacters(const EscapeControlCharacters&) = delete;
  EscapeControlCharacters& operator=(const EscapeControlCharacters&) = delete;

 private:
  std::ostream& stream_;
  std::streambuf* original_;
  ControlEscapingBuf buf_;
};

}  // namespace nastavnik
