import { describeLearnCorpus } from "./learn-corpus";

describeLearnCorpus("en-US-other", "en-US");
