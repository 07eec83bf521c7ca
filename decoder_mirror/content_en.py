"""English posts of the mirror (the-decoder.com). Our own writing about fictional companies.

Posts before the redesign (2025-09-01) are rendered in the older WordPress markup, later ones in
the current utility-class markup (see content.REDESIGN).
"""

from __future__ import annotations

from .model import Comment, LeadImage, Post

MJ = "Midjourney prompted by THE DECODER"

KESTREL = Post(
    id=241503, edition="en", slug="kestrel-ai-open-model-math-benchmarks",
    title="Kestrel AI's open model matches far larger rivals on math benchmarks",
    authors=("clara-whitfield",),
    published="2025-02-11T14:20:07+00:00", modified="2025-02-12T08:05:41+00:00",
    section="ai-research", tags=("Open Source", "LLM", "Benchmarks"),
    image=LeadImage("/wp-content/uploads/2025/02/kestrel_math_model_header.png", MJ),
    key_points=(
        "The Zurich start-up has published weights for a nine-billion-parameter model under a "
        "permissive license.",
        "Internal tests put it level with models several times its size on school and "
        "competition math.",
        "Independent replications are still pending, and the training data remains undisclosed.",
    ),
    blocks=(
        ("lead", "Kestrel AI has released an open language model with nine billion parameters "
                 "that, according to the company, solves competition math problems about as well "
                 "as models five times its size."),
        ("p", "The Zurich-based start-up published the weights on Tuesday under an Apache 2.0 "
              "license. The model, called <em>Kestrel Nine</em>, is aimed at developers who want "
              "to run a capable reasoning model on their own hardware instead of paying for a "
              "cloud API."),
        ("ad", 1),
        ("p", "In the company's own evaluation, Kestrel Nine reaches 71 percent on a widely used "
              "set of high school competition problems. According to Kestrel, that puts it within "
              "two points of much larger open models and ahead of most systems in its weight "
              "class."),
        ("h2", "Synthetic data does the heavy lifting"),
        ("p", "Kestrel credits the result to its training recipe rather than to scale. The team "
              "generated several million worked solutions with a larger teacher model, then kept "
              "only the ones a symbolic checker could verify step by step. Roughly a third of the "
              "generated solutions were discarded in that filter."),
        ("figure", "/wp-content/uploads/2025/02/kestrel_nine_benchmark_chart.png",
         "Kestrel Nine compared with larger open models on four math benchmarks.",
         "Image: Kestrel AI", "srcset"),
        ("p", "The company has not said which sources the original problems came from. That makes "
              "it hard to rule out that some benchmark questions, or close variants of them, ended "
              "up in the training set, a problem that has dogged math results across the "
              "industry."),
        ("ad", 2),
        ("p", "Outside researchers have started to test the model on fresh problem sets that were "
              "written after its training cutoff. Kestrel says it welcomes the scrutiny and plans "
              "to publish a technical report with a full description of the data pipeline in the "
              "coming weeks."),
    ),
    sources=(("Kestrel AI", "https://kestrel-ai.example/blog/kestrel-nine"),),
    source_label="Source:", twin=412006, in_feed=False,
    comments=(Comment("ml_tinkerer", "9 months ago",
                      "Ran it on my 4090 last night. The math is solid, but it rambles a lot "
                      "before it commits to an answer."),),
)

TOOLS = Post(
    id=243877, edition="en", slug="tool-calling-ai-agents-developers",
    title="How developers build AI agents with tool calling, and where it still breaks",
    authors=("jonas-reiter",),
    published="2025-04-03T09:30:00+00:00", modified="2025-04-04T11:02:19+00:00",
    section="ai-practice", tags=("AI Agents", "LLM", "Developer Tools"),
    image=LeadImage("/wp-content/uploads/2025/04/tool_calling_agents_header.png", MJ),
    key_points=(
        "Tool calling lets a language model request actions that ordinary code then executes.",
        "Most failures in agent projects come from vague tool descriptions, not from the model.",
        "Teams that log every call and cap retries report far fewer runaway loops.",
    ),
    blocks=(
        ("lead", "Tool calling has become the standard way to connect language models to the "
                 "outside world. A look at how development teams put it to work, and at the "
                 "failure modes that keep agent projects from reaching production."),
        ("p", "The principle is simple. Developers describe a set of functions in a schema, the "
              "model decides when one of them would help, and it returns a structured request "
              "instead of prose. Ordinary code runs the function and feeds the result back, so the "
              "model never touches a database or an inbox directly."),
        ("h2", "A minimal loop"),
        ("p", "At its core, an agent is a loop around that exchange. The example below shows the "
              "pattern in Python with a placeholder client. Production versions add timeouts, "
              "logging and a hard limit on the number of rounds."),
        ("code", "python",
         'def run_agent(client, tools, question, max_rounds=5):\n'
         '    messages = [{"role": "user", "content": question}]\n'
         '    for _ in range(max_rounds):\n'
         '        reply = client.chat(messages, tools=tools)\n'
         '        if not reply.tool_calls:\n'
         '            return reply.text\n'
         '        for call in reply.tool_calls:\n'
         '            result = tools[call.name](**call.arguments)\n'
         '            messages.append({"role": "tool", "name": call.name, "content": result})\n'
         '    raise RuntimeError("agent did not finish within max_rounds")'),
        ("ad", 1),
        ("h2", "Where agents fail"),
        ("p", "Engineers interviewed for this article named the same handful of problems again "
              "and again when we asked them why their agents did not make it past the pilot "
              "stage:"),
        ("ul", (
            "Tool descriptions that are ambiguous, so the model picks the wrong function.",
            "Arguments in the wrong format, such as dates written out in words.",
            "Loops in which the model calls the same tool with the same input until a limit "
            "stops it.",
            "Results too long for the context window, which push out the original task.",
        )),
        ("quote", "Nine times out of ten, when an agent misbehaves, the fix is in the tool "
                  "description. We rewrote ours like documentation for a new colleague, and the "
                  "error rate dropped by half.",
         "Amira Haddad, platform engineer at a logistics software firm"),
        ("h2", "Costs at a glance"),
        ("p", "Tool calls also change the cost profile of an application, because every round "
              "trip sends the growing conversation back to the model. The figures below come from "
              "a test run of a support agent with four tools over 1,000 tickets."),
        ("table", ("Setup", "Avg. rounds", "Tokens per ticket", "Cost per 1,000 tickets"), (
            ("No tools", "1.0", "1,850", "$4.60"),
            ("Four tools", "2.7", "6,400", "$15.90"),
            ("Four tools, trimmed results", "2.6", "3,900", "$9.70"),
        )),
        ("figure", "/wp-content/uploads/2025/04/agent_loop_diagram.png",
         "The basic agent loop: the model proposes a call, code executes it, the result goes "
         "back into the context.", "Image: THE DECODER", "webp"),
        ("ad", None),
        ("p", "Trimming tool output turned out to be the cheapest fix in the test: returning only "
              "the fields the model needs cut token use by almost 40 percent without hurting the "
              "resolution rate. Several teams now treat tool results like an API response for a "
              "mobile app, small and predictable."),
        ("p", "For now, most companies keep a human in the loop for anything that spends money or "
              "sends messages to customers. Fully autonomous agents remain the exception, less "
              "because of model quality than because of the difficulty of testing every path a "
              "loop can take."),
    ),
    sources=(("Paper", "https://arxiv.org/abs/2504.01234"),
             ("GitHub", "https://github.com/example/agent-loop")),
    source_label="Sources:", in_feed=False,
    comments=(
        Comment("devops_dana", "7 months ago",
                "The point about trimming tool output matches our experience exactly."),
        Comment("Henrik", "7 months ago",
                "Would love a follow-up on how people test these loops in CI."),
    ),
)

ELECTIONS = Post(
    id=245120, edition="en", slug="election-authorities-label-ai-images-political-ads",
    title="European election authorities want AI-generated images in political ads to carry a "
          "visible label",
    authors=("clara-whitfield", "marco-stein"),
    published="2025-06-18T16:45:12+00:00", modified="2025-06-18T17:30:00+00:00",
    section="ai-and-society", tags=("Regulation", "Elections", "Generative AI"),
    image=LeadImage("/wp-content/uploads/2025/06/election_ads_ai_label.png", MJ),
    key_points=(
        "A working group of election bodies from eleven countries has drafted shared labeling "
        "rules.",
        "Parties would have to mark synthetic images and audio in paid political advertising.",
        "Platforms are asked to keep an archive of labeled ads for five years.",
    ),
    blocks=(
        ("lead", "A working group of national election authorities has drafted common rules for "
                 "political advertising that uses generative AI. Synthetic images, video and audio "
                 "would have to carry a label that voters can see without clicking."),
        ("p", "The draft, which has been shared with parties and platforms for comment, covers "
              "paid ads only. Organic posts by candidates and campaign volunteers are left out, a "
              "gap that critics say leaves the most viral material untouched."),
        ("ad", 1),
        ("p", "Under the proposal, a label reading \u201cgenerated or altered with AI\u201d must "
              "cover at least five percent of the image area or be spoken at the start of an "
              "audio clip. Minor edits such as color correction or cropping would not trigger the "
              "requirement."),
        ("h2", "Platforms would keep the archive"),
        ("p", "Online platforms that sell political ads would have to store every labeled ad, "
              "together with who paid for it and how it was targeted, for five years. Several "
              "platforms already run ad libraries, but formats and retention periods differ "
              "widely between them."),
        ("p", "Enforcement would stay with national authorities, and fines would follow existing "
              "campaign finance law. The working group wants to finalize the text before the next "
              "round of national elections in the autumn, though two members have asked for more "
              "time to consult their parliaments."),
        ("ad", 2),
        ("p", "Researchers who study disinformation welcomed the focus on visible labels but "
              "doubted that watermarks alone would hold up. Metadata is easily stripped when "
              "images are screenshotted or re-uploaded, they noted, so the label itself has to be "
              "part of the picture."),
    ),
    sources=(("Reuters", "https://www.reuters.com/world/europe/election-ai-ads-labels-2025-06-18/"),
             ("Election Authorities Working Group",
              "https://electoral-working-group.example/draft-2025")),
    source_label="Sources:",
)

NORRLAND = Post(
    id=247302, edition="en", slug="norrland-robotics-warehouse-robot-single-demonstration",
    title="Norrland Robotics shows a warehouse robot that learns new grips from one demonstration",
    authors=("marco-stein",),
    published="2025-08-26T07:55:00+00:00", modified="2025-08-26T07:55:00+00:00",
    section="short-news", tags=("Robotics", "Imitation Learning"),
    image=LeadImage("/wp-content/uploads/2025/08/norrland_picker_robot.jpg",
                    "Image: Norrland Robotics",
                    caption="Norrland's two-armed picker at the company's test warehouse in Umeå."),
    key_points=(
        "A worker shows the robot a new item once, and it adapts its grip within minutes.",
        "The system is being tested with two logistics companies in Sweden.",
    ),
    blocks=(
        ("lead", "Swedish start-up Norrland Robotics has shown a two-armed warehouse robot that "
                 "learns how to pick up an unfamiliar item after a single human demonstration."),
        ("p", "A worker guides the robot's gripper through the motion once while cameras record "
              "the scene. The company says a vision model then generalizes the grip to other "
              "positions and similar objects, so the robot can handle the new item on the shelf "
              "within about ten minutes."),
        ("ad", None),
        ("p", "Norrland is testing the system with two logistics companies near Umeå. It has not "
              "published failure rates, and the demonstration videos show only rigid items such "
              "as boxes and bottles, not soft packaging, which remains one of the hardest problems "
              "in warehouse automation."),
    ),
    sources=(("Norrland Robotics", "https://norrland-robotics.example/news/one-shot-grasping"),),
    source_label="Source:",
)

CONFIDENCE = Post(
    id=249918, edition="en", slug="language-models-overconfident-recent-events-study",
    title="Language models overstate their confidence when questions involve recent events, "
          "study finds",
    authors=("priya-raman",),
    published="2025-11-04T12:10:33+00:00", modified="2025-11-05T06:48:02+00:00",
    section="ai-research", tags=("LLM", "Research", "Hallucinations"),
    image=LeadImage("/wp-content/uploads/2025/11/llm_confidence_recent_events.png", MJ),
    key_points=(
        "Researchers asked twelve models about events before and after their training cutoff.",
        "Stated confidence barely changed, while accuracy on newer events collapsed.",
        "Simple date-awareness prompts narrowed the gap but did not close it.",
    ),
    blocks=(
        ("lead", "A new study finds that large language models are almost as sure of their "
                 "answers about recent events as about older ones, even though their accuracy "
                 "drops sharply once a question falls after their training cutoff."),
        ("p", "The research team, led by computer scientist Hannah Hartmann, asked twelve "
              "commercial and open models more than 4,000 questions about news events. Half of the "
              "events happened before each model's training cutoff, half after. The models had to "
              "answer and state how confident they were on a scale from zero to 100."),
        ("ad", 1),
        ("p", "For events before the cutoff, the average stated confidence of 81 matched an "
              "accuracy of 77 percent fairly well. For later events, confidence fell only to 74, "
              "while accuracy dropped to 23 percent. Larger models were not better calibrated than "
              "smaller ones in this setting."),
        ("figure", "/wp-content/uploads/2025/11/confidence_vs_accuracy_cutoff.png",
         "Stated confidence and accuracy before and after the training cutoff, averaged over "
         "twelve models.", "Image: Hartmann et al.", "cdn"),
        ("h2", "A reminder of the date helps a little"),
        ("p", "In a second experiment, the researchers added the current date and a note about "
              "the training cutoff to each prompt. Stated confidence on recent events fell to 52, "
              "which the authors call an improvement, but still far above the real hit rate."),
        ("ad", 2),
        ("p", "The authors argue that developers should not rely on a model's own confidence as a "
              "signal for when to search the web. Systems that decide on retrieval based on the "
              "question's date performed better in their tests than those that asked the model "
              "whether it needed help."),
    ),
    sources=(("Paper", "https://arxiv.org/abs/2511.01847"),),
    source_label=None, twin=420981,   # a bare "Paper" link, no "Source:" prefix
)

COSTS = Post(
    id=251406, edition="en", slug="cost-math-ai-coding-assistants-engineering-team",
    title="The real cost math of AI coding assistants for a 500-person engineering team",
    authors=("jonas-reiter",),
    published="2026-01-20T10:00:00+00:00", modified="2026-01-21T09:14:55+00:00",
    section="ai-practice", tags=("AI Coding", "Enterprise AI"),
    image=LeadImage("/wp-content/uploads/2026/01/ai_coding_cost_math.png", MJ),
    key_points=(
        "License fees are the smallest line item once review time and usage-based pricing are "
        "counted.",
        "Teams that measured carefully saw gains concentrated in tests and boilerplate code.",
        "A simple model helps decide between seat licenses and pay-per-use plans.",
    ),
    blocks=(    # served teaser of a Plus post: the page stops here, the upsell follows
        ("lead", "Vendors price AI coding assistants per seat, but the bills that engineering "
                 "managers actually see look very different. We worked through the numbers for a "
                 "fictional but typical company with 500 developers."),
        ("p", "The seat price is the easy part. At list prices between 20 and 40 dollars per "
              "month, licenses for every developer come to between 120,000 and 240,000 dollars a "
              "year. That sounds like a lot until it is compared with salaries, where a single "
              "percentage point of productivity is worth far more."),
    ),
    plus=True,
)

NEWSROOMS = Post(
    id=252870, edition="en", slug="survey-european-newsrooms-ai-transcription",
    title="Survey: Two thirds of European newsrooms use AI for transcription, few let it write",
    authors=("clara-whitfield",),
    published="2026-11-18T08:30:00+00:00", modified="2026-11-18T10:12:40+00:00",
    section="ai-and-society", tags=("Journalism", "Generative AI"),
    image=LeadImage("/wp-content/uploads/2026/11/newsroom_ai_survey.jpg", "Image: Unsplash",
                    caption="Most newsrooms in the survey use AI behind the scenes."),
    key_points=(
        "The survey covered 212 newsrooms in 19 countries.",
        "Transcription, translation and tagging are the most common uses.",
        "Only six percent publish text that was drafted by a model.",
    ),
    blocks=(
        ("lead", "AI has become part of everyday work in most European newsrooms, but mostly out "
                 "of sight. A survey of 212 news organizations shows wide use for transcription "
                 "and translation and deep reluctance to let models draft articles."),
        ("p", "Sixty-seven percent of the newsrooms said they use speech recognition to "
              "transcribe interviews and press conferences, making it by far the most common "
              "application. Translation followed with 54 percent and automated tagging of archive "
              "material with 41 percent."),
        ("ad", 1),
        ("p", "Only six percent said they publish text that a model drafted, and all of them "
              "limited this to formats such as weather, sports results or stock market reports. "
              "Most respondents cited the risk of errors and the damage to reader trust as the "
              "main reasons for holding back."),
        ("h2", "Small newsrooms lag behind"),
        ("p", "The gap between large and small organizations was striking. Newsrooms with fewer "
              "than 20 journalists were half as likely to use any AI tool, and many said they "
              "lacked the time to test tools and write internal guidelines, rather than the "
              "budget for licenses."),
        ("ad", 2),
        ("p", "The authors of the survey expect that gap to narrow as transcription and "
              "translation features are built into the content management systems that small "
              "publishers already use. They plan to repeat the survey every year to track how "
              "practices change."),
    ),
    sources=(("Bloomberg",
              "https://www.bloomberg.com/news/articles/2026-11-18/european-newsrooms-ai-survey"),),
    source_label="Source:", in_sitemap=False,    # only in the feed (sitemap cache lags behind)
    comments=(Comment("Local Editor", "1 week ago",
                      "Transcription alone saves our small team hours every week."),),
)

ALEPH = Post(
    id=253514, edition="en", slug="aleph-forge-cuts-api-prices-flagship-model",
    title="Aleph Forge cuts API prices for its flagship model by 40 percent",
    authors=("priya-raman",),
    published="2026-11-25T15:05:00+00:00", modified="2026-11-25T15:05:00+00:00",
    section="short-news", tags=("Aleph Forge", "AI Pricing"),
    image=LeadImage("/wp-content/uploads/2026/11/aleph_forge_pricing.png", "Image: Aleph Forge"),
    key_points=(
        "Input tokens now cost 40 percent less, output tokens 25 percent less.",
        "The company cites more efficient inference hardware.",
    ),
    blocks=(
        ("lead", "Aleph Forge has lowered the price of its flagship model for developers. Input "
                 "tokens now cost 40 percent less and output tokens 25 percent less than before, "
                 "effective immediately for all API customers."),
        ("p", "The company attributes the cut to a new generation of inference servers and to "
              "better batching of requests. Existing contracts with fixed volume commitments will "
              "be adjusted at the next billing cycle, according to a post on the company's "
              "<a href=\"https://alephforge.example/blog\">developer blog</a>."),
        ("ad", 1),
        ("p", "The move continues a price slide that has seen the cost of comparable model "
              "capability fall several times over within two years. For customers, cheaper tokens "
              "mainly pay off in applications with long inputs, such as document analysis and the "
              "agents that repeatedly resend their growing context."),
    ),
    sources=(("Aleph Forge", "https://alephforge.example/blog/pricing-update"),),
    source_label="Source:", twin=425102, in_sitemap=False, feed_shortlink=True,
)

# Robots-disallowed, article-like, listed (by mistake, as happens) in post-sitemap2.xml only.
PREVIEW = Post(
    id=253990, edition="en", slug="private-preview", path_override="/private-preview/",
    title="Embargoed: Kestrel AI prepares its second model release",
    authors=("clara-whitfield",),
    published="2026-11-26T06:00:00+00:00", modified="2026-11-26T06:00:00+00:00",
    section="ai-research", tags=("Open Source",),
    image=LeadImage("/wp-content/uploads/2026/11/kestrel_preview.png", MJ),
    key_points=("Draft under embargo.",),
    blocks=(
        ("lead", "This draft is under embargo and must not be crawled or archived before its "
                 "release date."),
        ("p", "Kestrel AI is preparing a second model. Details follow once the embargo lifts."),
    ),
    source_label="Source:", sources=(("Kestrel AI", "https://kestrel-ai.example/"),),
    in_feed=False,
)

POSTS = (KESTREL, TOOLS, ELECTIONS, NORRLAND, CONFIDENCE, COSTS, NEWSROOMS, ALEPH, PREVIEW)
