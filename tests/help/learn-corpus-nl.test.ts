import { describeLearnCorpus } from "./learn-corpus";

describeLearnCorpus("nl-NL-sxs", "nl-NL");
