import { describeLearnCorpus } from "./learn-corpus";

// No pl-PL UI locale: the articles render with en-US alert titles and link locale.
describeLearnCorpus("pl-PL-2022", "en-US");
