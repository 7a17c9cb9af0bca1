import SandboxCore

/// `byIso` of the npm package country-code-lookup 0.1.2, which the gateway uses to accept an
/// address `country`, over an ISO 3166-1 table written for the sandbox.
///
/// The library's logic: when `parseInt(code)` is a number, it compares `code.toString()` with the
/// numeric codes as written without leading zeros (so `"4"` is Afghanistan and `"004"` is
/// nothing); otherwise a 2-character code is compared, upper-cased, with alpha-2 codes, a
/// 3-character code with alpha-3 codes, and any other length throws
/// `cannot determine ISO code type`.
enum ISOCountryCodes {
  /// What `byIso` does with a value.
  enum Outcome: Equatable {
    /// It returned a country.
    case found
    /// It returned null.
    case notFound
    /// It threw; the gateway answers 400 with this text.
    case thrown(String)
  }

  /// `lookup.byIso(code)` for a JSON value, as JavaScript would run it.
  static func byIso(_ code: JSONValue) -> Outcome {
    let text = JavaScript.string(code)
    if parsesAsInteger(text) {
      return table.numeric.contains(text) ? .found : .notFound
    }
    let length: Int
    switch code {
    case .string(let string): length = string.utf16.count
    case .array(let elements): length = elements.count
    default: return .thrown("cannot determine ISO code type")
    }
    guard length == 2 || length == 3 else { return .thrown("cannot determine ISO code type") }
    guard case .string(let string) = code else { return .thrown("code.toUpperCase is not a function") }
    let upper = string.uppercased()
    return (length == 2 ? table.alpha2 : table.alpha3).contains(upper) ? .found : .notFound
  }

  /// Whether JavaScript's `parseInt(text)` is a number (not NaN): after leading white space and
  /// an optional sign, a decimal digit, or `0x` followed by a hex digit.
  static func parsesAsInteger(_ text: String) -> Bool {
    var scalars = Substring(text).unicodeScalars.drop(while: JavaScript.isWhitespace)
    if let first = scalars.first, first == "+" || first == "-" { scalars = scalars.dropFirst() }
    guard let first = scalars.first else { return false }
    if ("0"..."9").contains(first) {
      let rest = scalars.dropFirst()
      if first == "0", let marker = rest.first, marker == "x" || marker == "X" {
        // A `0x` prefix switches parseInt to hex, which then needs a hex digit or gives NaN.
        guard let digit = rest.dropFirst().first else { return false }
        return digit.properties.isASCIIHexDigit
      }
      return true
    }
    return false
  }

  /// The three lookup sets, built once on first use.
  private static let table = Table(source)

  private struct Table: Sendable {
    let alpha2: Set<String>
    let alpha3: Set<String>
    let numeric: Set<String>

    init(_ source: String) {
      var alpha2 = Set<String>()
      var alpha3 = Set<String>()
      var numeric = Set<String>()
      for entry in source.split(whereSeparator: { $0 == " " || $0 == "\n" }) where entry.count == 8 {
        alpha2.insert(String(entry.prefix(2)))
        alpha3.insert(String(entry.dropFirst(2).prefix(3)))
        numeric.insert(String(Int(entry.suffix(3)) ?? -1))
      }
      self.alpha2 = alpha2
      self.alpha3 = alpha3
      self.numeric = numeric
    }
  }

  /// ISO 3166-1: alpha-2, alpha-3 and the three-digit numeric code, one country per word.
  private static let source = """
    AFAFG004 AXALA248 ALALB008 DZDZA012 ASASM016 ADAND020 AOAGO024 AIAIA660 AQATA010 AGATG028
    ARARG032 AMARM051 AWABW533 AUAUS036 ATAUT040 AZAZE031 BSBHS044 BHBHR048 BDBGD050 BBBRB052
    BYBLR112 BEBEL056 BZBLZ084 BJBEN204 BMBMU060 BTBTN064 BOBOL068 BQBES535 BABIH070 BWBWA072
    BVBVT074 BRBRA076 IOIOT086 BNBRN096 BGBGR100 BFBFA854 BIBDI108 CVCPV132 KHKHM116 CMCMR120
    CACAN124 KYCYM136 CFCAF140 TDTCD148 CLCHL152 CNCHN156 CXCXR162 CCCCK166 COCOL170 KMCOM174
    CGCOG178 CDCOD180 CKCOK184 CRCRI188 CICIV384 HRHRV191 CUCUB192 CWCUW531 CYCYP196 CZCZE203
    DKDNK208 DJDJI262 DMDMA212 DODOM214 ECECU218 EGEGY818 SVSLV222 GQGNQ226 ERERI232 EEEST233
    SZSWZ748 ETETH231 FKFLK238 FOFRO234 FJFJI242 FIFIN246 FRFRA250 GFGUF254 PFPYF258 TFATF260
    GAGAB266 GMGMB270 GEGEO268 DEDEU276 GHGHA288 GIGIB292 GRGRC300 GLGRL304 GDGRD308 GPGLP312
    GUGUM316 GTGTM320 GGGGY831 GNGIN324 GWGNB624 GYGUY328 HTHTI332 HMHMD334 VAVAT336 HNHND340
    HKHKG344 HUHUN348 ISISL352 ININD356 IDIDN360 IRIRN364 IQIRQ368 IEIRL372 IMIMN833 ILISR376
    ITITA380 JMJAM388 JPJPN392 JEJEY832 JOJOR400 KZKAZ398 KEKEN404 KIKIR296 KPPRK408 KRKOR410
    KWKWT414 KGKGZ417 LALAO418 LVLVA428 LBLBN422 LSLSO426 LRLBR430 LYLBY434 LILIE438 LTLTU440
    LULUX442 MOMAC446 MGMDG450 MWMWI454 MYMYS458 MVMDV462 MLMLI466 MTMLT470 MHMHL584 MQMTQ474
    MRMRT478 MUMUS480 YTMYT175 MXMEX484 FMFSM583 MDMDA498 MCMCO492 MNMNG496 MEMNE499 MSMSR500
    MAMAR504 MZMOZ508 MMMMR104 NANAM516 NRNRU520 NPNPL524 NLNLD528 NCNCL540 NZNZL554 NINIC558
    NENER562 NGNGA566 NUNIU570 NFNFK574 MKMKD807 MPMNP580 NONOR578 OMOMN512 PKPAK586 PWPLW585
    PSPSE275 PAPAN591 PGPNG598 PYPRY600 PEPER604 PHPHL608 PNPCN612 PLPOL616 PTPRT620 PRPRI630
    QAQAT634 REREU638 ROROU642 RURUS643 RWRWA646 BLBLM652 SHSHN654 KNKNA659 LCLCA662 MFMAF663
    PMSPM666 VCVCT670 WSWSM882 SMSMR674 STSTP678 SASAU682 SNSEN686 RSSRB688 SCSYC690 SLSLE694
    SGSGP702 SXSXM534 SKSVK703 SISVN705 SBSLB090 SOSOM706 ZAZAF710 GSSGS239 SSSSD728 ESESP724
    LKLKA144 SDSDN729 SRSUR740 SJSJM744 SESWE752 CHCHE756 SYSYR760 TWTWN158 TJTJK762 TZTZA834
    THTHA764 TLTLS626 TGTGO768 TKTKL772 TOTON776 TTTTO780 TNTUN788 TRTUR792 TMTKM795 TCTCA796
    TVTUV798 UGUGA800 UAUKR804 AEARE784 GBGBR826 USUSA840 UMUMI581 UYURY858 UZUZB860 VUVUT548
    VEVEN862 VNVNM704 VGVGB092 VIVIR850 WFWLF876 EHESH732 YEYEM887 ZMZMB894 ZWZWE716
    """
}
