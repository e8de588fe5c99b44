/** High-risk work (art. 17 of the Regulation): the slot's work classification, the screen, the school's review and
 * the term list. */
export default {
  rule: 'Art. 17 of the Regulation on Internships of Vocational School Students: no student is placed in work at height, underground, with radioactive sources, toxic or flammable and explosive materials, or other work of high risk, nor in physical labour of national intensity level IV.',
  category: {
    ordinary: 'Ordinary work (none of the high-risk kinds)',
    height: 'Work at height',
    underground: 'Underground or mine work',
    radioactive: 'Radioactive sources or radiation',
    toxic: 'Toxic or harmful substances',
    explosive: 'Flammable or explosive materials',
    labour_iv: 'Physical labour of intensity level IV',
  },
  form: {
    workHazard: 'Work classification',
    workHazardPlaceholder: 'Choose the classification of the work',
    workHazardHint:
      'Under art. 17 a high-risk class cannot be published; a title or description naming high-risk work (height, underground, radiation, toxic or explosive materials …) goes to the school for review before it opens.',
    descriptionHint:
      'The title and description are screened against the list of high-risk work terms; a slot that names one opens only after the school reviews it.',
    sentToReview: 'Saved: the slot names high-risk work and awaits the school’s review',
  },
  detail: {
    classification: 'Work classification',
    reviewTitle: 'Awaiting school review',
    reviewIntro:
      'The title or description names these high-risk work terms; the slot opens once a school confirms the work is not high-risk:',
    draftMatches: 'The title or description names these high-risk work terms; publishing sends the slot to the school:',
    reviewers: 'Reviewed by: {schools}',
    decided: 'School review: {decision}',
    reason: 'Reason: {reason}',
    approve: 'Approve',
    refuse: 'Send back',
    schoolTerm: 'school’s term',
    noMatches: 'No high-risk work terms found',
  },
  dialog: {
    approveTitle: 'Approve and open the slot',
    refuseTitle: 'Send the slot back',
    approveHint:
      'Say how you checked that the work is not high-risk (a site visit, the duties confirmed). The company reads it.',
    refuseHint: 'Say why; the slot goes back to draft and the company may change it and submit it again.',
    reason: 'Reason',
    required: 'Give a reason',
    submit: 'Confirm',
    approved: 'Approved: the slot is open',
    refused: 'Sent back to the company',
  },
  queue: {
    title: 'High-risk work review',
    intro:
      'These slots name high-risk work terms and need your school’s review: approved, they open; sent back, they return to the company as drafts.',
    empty: 'No slots await review',
    terms: 'Terms',
    company: 'Company',
    submitted: 'Submitted',
    actions: 'Actions',
  },
  terms: {
    title: 'High-risk work terms',
    intro:
      'A slot whose title or description contains one of these terms is reviewed by the school before it opens. The platform’s terms cannot be changed; your school’s own terms screen the slots offered to your school. Full and half width, case and spaces are ignored.',
    term: 'Term',
    category: 'Category',
    source: 'Source',
    platform: 'Platform',
    own: 'Our school',
    add: 'Add a term',
    addTitle: 'Add a term of our school',
    editTitle: 'Change the term',
    termHint: 'At least two characters, e.g. 氯碱电解, 储罐清洗.',
    search: 'Search terms',
    allCategories: 'All categories',
    saved: 'Saved',
    deleted: 'Deleted',
    confirmDelete: 'Delete the term “{term}”? Slots submitted from now on are no longer screened for it.',
    delete: 'Delete',
  },
}
